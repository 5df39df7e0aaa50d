// Playwright's web server: a fresh embedded database for every run, then `npm start`.
import { rmSync } from "node:fs";
import { spawn } from "node:child_process";

rmSync(process.env.DATA_DIR ?? ".data/e2e", { recursive: true, force: true });
const child = spawn(process.execPath, ["scripts/start.mjs"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
