// Playwright's web server: a fresh embedded database for every run, then `npm start`. The
// server's output also goes to DATA_DIR/server.log, so tests can check what it logged (for
// example that no secret ever reaches the log).
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const dataDir = process.env.DATA_DIR ?? ".data/e2e";
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const logFile = createWriteStream(path.join(dataDir, "server.log"));
const child = spawn(process.execPath, ["scripts/start.mjs"], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  logFile.write(chunk);
});
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  logFile.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
