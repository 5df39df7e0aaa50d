// Child processes for the benchmarks: each child leads a process group of its own, so stopping
// it also stops what it started (start.mjs → next build / server.mjs). Only these groups are
// ever signalled, and every one is stopped at exit, on errors and on Ctrl-C.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";

export class BenchError extends Error {}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const TIMED_OUT = Symbol("timed out");

/** The promise's value, or TIMED_OUT after ms. */
export async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A logger that prefixes the seconds since it was made: `[name  12 s] message`. */
export function logger(name) {
  const started = Date.now();
  return (message) => console.log(`[${name} ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

const processes = new Set();

/** Starts command in a process group of its own, its output appended to logFile. */
export function launch(name, command, args, { cwd, env, logFile }) {
  const fd = openSync(logFile, "a");
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const proc = { name, child, exited: false, logFile, exit: null };
  proc.exit = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      proc.exited = true;
      resolve(code ?? (signal ? 128 : null));
    });
    child.on("error", (error) => {
      proc.exited = true;
      try {
        writeFileSync(logFile, `\n[bench] could not start: ${error.message}\n`, { flag: "a" });
      } catch {
        // the log is only for diagnostics
      }
      resolve(null);
    });
  });
  processes.add(proc);
  return proc;
}

export function logTail(proc, lines = 30) {
  try {
    const text = readFileSync(proc.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    return `Last lines of ${proc.logFile}:\n${text}`;
  } catch {
    return `(no log at ${proc.logFile})`;
  }
}

/** SIGTERM to the group, SIGKILL if it lingers; resolves once it is gone. */
export async function stop(proc) {
  if (!proc.exited && proc.child.pid) {
    for (const [signal, waitMs] of [
      ["SIGTERM", 10_000],
      ["SIGKILL", 5_000],
    ]) {
      try {
        process.kill(-proc.child.pid, signal);
      } catch {
        break; // the group is gone already
      }
      if ((await within(proc.exit, waitMs)) !== TIMED_OUT) break;
    }
  }
  // Children of the group may outlive its leader for a moment (server.mjs after start.mjs).
  if (proc.child.pid) {
    try {
      process.kill(-proc.child.pid, "SIGKILL");
    } catch {
      // nothing left
    }
  }
  processes.delete(proc);
}

export async function stopAll() {
  await Promise.all([...processes].map(stop));
}

/** Waits for a process to end with exit code 0, within timeoutMs. */
export async function runToEnd(proc, timeoutMs, what) {
  const code = await within(proc.exit, timeoutMs);
  processes.delete(proc);
  if (code === TIMED_OUT) {
    await stop(proc);
    throw new BenchError(`${what} took longer than ${timeoutMs / 1000} s.\n${logTail(proc)}`);
  }
  if (code !== 0) throw new BenchError(`${what} failed (exit code ${code}).\n${logTail(proc)}`);
}

/** Polls url until it answers (any status below 500) and ready() accepts it, or the process dies. */
export async function waitForServer(proc, url, timeoutMs, ready = async () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (proc.exited) throw new BenchError(`${proc.name} stopped before answering on ${url}.\n${logTail(proc)}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      last = `HTTP ${response.status}`;
      if (response.status < 500 && (await ready(response))) return;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(250);
  }
  throw new BenchError(`${proc.name} did not answer on ${url} within ${timeoutMs / 1000} s (last: ${last}).\n${logTail(proc)}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs main(), stopping every child on success, failure and Ctrl-C. A BenchError prints its
 * message; anything else its stack. Exit codes: 0 done, 1 failed, 130 interrupted.
 */
export function runBenchmark(name, main) {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      console.log(`[${name}] ${signal}: stopping the servers`);
      await stopAll();
      process.exit(130);
    });
  }
  main()
    .then(async (code) => {
      await stopAll();
      process.exit(typeof code === "number" ? code : 0);
    })
    .catch(async (error) => {
      await stopAll();
      console.error(`\n[${name}] FAILED: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`);
      process.exit(1);
    });
}
