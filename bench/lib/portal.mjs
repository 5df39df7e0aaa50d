// The portal under measurement: a clone of the committed HEAD in the temp folder, with
// node_modules hard-linked from this checkout (same packages, seconds instead of an install),
// built once and shared by every part of a run. Never the working tree's own .next: rebuilding
// it would break a server (an e2e run, `npm start`) serving from it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BenchError, freePort, launch, stop, waitForServer } from "./processes.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const PARTNER = { email: "partner@example.com", password: "partner-demo-2026" };
export const ADMIN = { email: "admin@example.com", password: "admin-demo-2026" };

const git = (args, cwd = ROOT) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/**
 * The folder of a built clone of HEAD (or of `rev`): BENCH_PORTAL_DIR when set for HEAD
 * (bench/run.mjs prepares one for all parts), else a cached clone per commit in the temp folder,
 * made and built here.
 */
export async function portalCheckout(log, rev = "HEAD") {
  if (process.env.BENCH_PORTAL_DIR && rev === "HEAD") return process.env.BENCH_PORTAL_DIR;
  const commit = git(["rev-parse", "--verify", `${rev}^{commit}`]);
  if (rev === "HEAD" && git(["status", "--porcelain", "--untracked-files=no"]))
    log("note: uncommitted changes are not measured (the benchmark runs the committed HEAD)");
  const dir = path.join(os.tmpdir(), `bench-portal-${commit.slice(0, 12)}`);
  const stamp = path.join(dir, ".bench-built");
  if (existsSync(stamp)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`cloning ${rev} (${commit.slice(0, 12)}) to ${dir}`);
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, dir]);
  execFileSync("git", ["checkout", "--quiet", commit], { cwd: dir });
  // Hard links: same filesystem, so this costs seconds and no space; cp -l never writes into ours.
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")]);
  // The Prisma client (lib/generated, git-ignored) is what `npm install` generates afterwards.
  execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { cwd: dir, stdio: "ignore" });
  // A first start builds (start.mjs builds when there is no build), writes the local secrets
  // and checks the whole start path; later starts in this folder reuse the build.
  log("building the clone: a first `npm start` there (about two minutes)");
  const started = Date.now();
  const first = await startPortal(dir, { name: "first-start", work: path.join(dir, ".data/bench") });
  await stop(first.server);
  if (!first.rebuilt) throw new BenchError(`The first start in ${dir} did not build.`);
  writeFileSync(stamp, JSON.stringify({ commit, firstStartSeconds: Math.round((Date.now() - started) / 1000) }) + "\n");
  return dir;
}

/** The clone's record: its commit and how long its first start (with the build) took. */
export function buildInfo(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, ".bench-built"), "utf8"));
  } catch {
    return null;
  }
}

/** The environment without what would point a portal elsewhere: the embedded default, demo accounts. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of Object.keys(env))
    if (/^(DATABASE_URL|APP_ENV|APP_URL|NODE_ENV|PORT|DATA_DIR|SMTP_URL|OAUTH_|INSTANT_STAGING)$|^OAUTH_/.test(key)) delete env[key];
  return { ...env, ...extra };
}

/**
 * The Node.js flags of `npm start` (package.json's start script, `node [flags] scripts/start.mjs`),
 * so the benchmark runs the server as `npm start` does without an npm process of its own in
 * the measured process group.
 */
export function startFlags(dir) {
  const start = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).scripts?.start ?? "";
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+scripts\/start\.mjs$/.exec(start.trim());
  if (!match) throw new BenchError(`package.json's start script is not \`node [flags] scripts/start.mjs\`: ${start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}

/**
 * Starts `npm start`'s command (node [flags] scripts/start.mjs) in dir on a free port with a DATA_DIR of its own (wiped first)
 * and waits for its "Ready on" line, so the port is surely this server's. Resolves with the URL,
 * the process, how long it took and whether it built first.
 */
export async function startPortal(dir, { name = "portal", work, env: extra = {}, timeoutMs = 5 * 60_000 } = {}) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = path.join(work, `${name}-data`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const logFile = path.join(work, `${name}.log`);
  writeFileSync(logFile, "");
  const env = cleanEnv({ PORT: String(port), APP_URL: url, DATA_DIR: dataDir, ...extra });
  const started = Date.now();
  const server = launch(name, process.execPath, [...startFlags(dir), "scripts/start.mjs"], { cwd: dir, env, logFile });
  const readyLine = `Ready on http://localhost:${port}`;
  await waitForServer(server, `${url}/api/health`, timeoutMs, async () => readFileSync(logFile, "utf8").includes(readyLine));
  const rebuilt = readFileSync(logFile, "utf8").includes("Building the portal");
  if (!existsSync(path.join(dir, ".next/BUILD_ID"))) throw new BenchError(`${dir} has no build after start.`);
  return { url, port, server, dataDir, logFile, readySeconds: (Date.now() - started) / 1000, rebuilt };
}
