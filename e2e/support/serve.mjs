// Playwright's web server: a fresh embedded database for every run (KEEP_DATA=1 keeps it, for
// a restart), then `npm start`. The server's output also goes to DATA_DIR/server.log, so tests
// can check what it logged (for example that no secret ever reaches the log).
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";

const dataDir = process.env.DATA_DIR ?? ".data/e2e";
if (process.env.KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const logFile = createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
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
// A child ended by a signal reports 128 + its number, as a shell would: never a false 0.
child.on("exit", (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
