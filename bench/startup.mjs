// Start-up (issue 12, part 7): how long a partner waits from a fresh clone, and from `npm start`
// with and without a build, until the portal answers /api/health. Measured in a temporary
// clone of the committed HEAD, never in this working tree (its .next may be serving). The
// baseline is the bare Next.js app's `next build` and `next start` in the same run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startBare } from "./lib/bare.mjs";
import { cleanEnv, ROOT } from "./lib/portal.mjs";
import { freePort, launch, logger, runBenchmark, runToEnd, stop, waitForServer } from "./lib/processes.mjs";
import { printRows, writePart } from "./lib/report.mjs";

const { values: opts } = parseArgs({ options: { keep: { type: "boolean", default: false } } });
const log = logger("startup");
const NPM = "npm";
const seconds = (ms) => ms / 1000;

/** `npm start` in dir until /api/health answers and the log shows this run's "Ready on" line. */
async function npmStart(dir, work, name) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const logFile = path.join(work, `${name}.log`);
  writeFileSync(logFile, "");
  const started = Date.now();
  const server = launch(name, NPM, ["start"], { cwd: dir, env: cleanEnv({ PORT: String(port), APP_URL: url }), logFile });
  await waitForServer(server, `${url}/api/health`, 10 * 60_000, async () => readFileSync(logFile, "utf8").includes(`Ready on ${url}`));
  const ms = Date.now() - started;
  const text = readFileSync(logFile, "utf8");
  await stop(server);
  return { ms, built: text.includes("Building the portal"), migrated: /Applied \d+ migration/.test(text) };
}

runBenchmark("startup", async () => {
  const startedAt = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-startup-"));
  const dir = path.join(work, "clone");
  const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();

  log("baseline: the bare Next.js app, next build then next start");
  const bare = await startBare(work, log);
  await stop(bare.server);

  log(`fresh clone of ${commit.slice(0, 12)}: git clone, npm install, npm start`);
  const cloneStart = Date.now();
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, dir]);
  execFileSync("git", ["checkout", "--quiet", commit], { cwd: dir });
  const cloneMs = Date.now() - cloneStart;
  const installStart = Date.now();
  await runToEnd(
    launch("npm install", NPM, ["install", "--no-audit", "--no-fund"], { cwd: dir, env: cleanEnv(), logFile: path.join(work, "install.log") }),
    10 * 60_000,
    "npm install",
  );
  const installMs = Date.now() - installStart;
  const first = await npmStart(dir, work, "fresh-start");
  const freshMs = cloneMs + installMs + first.ms;
  log(
    `fresh clone to ready ${seconds(freshMs).toFixed(1)} s (clone ${seconds(cloneMs).toFixed(1)}, install ${seconds(installMs).toFixed(1)}, start ${seconds(first.ms).toFixed(1)})`,
  );

  // The fresh clone's first start had no build and no data: that is the "no build" figure, so
  // the benchmark builds the portal once (a second build would add minutes to `npm run bench`).
  const noBuild = first;
  const restart = await npmStart(dir, work, "restart");
  log(`npm start with the build and data: ${seconds(restart.ms).toFixed(1)} s`);
  rmSync(path.join(dir, ".data"), { recursive: true, force: true });
  const emptyData = await npmStart(dir, work, "build-no-data");
  log(`npm start with the build, no data: ${seconds(emptyData.ms).toFixed(1)} s`);

  for (const [what, r, build] of [
    ["fresh start", first, true],
    ["restart", restart, false],
    ["start with a build, no data", emptyData, false],
  ])
    if (r.built !== build) throw new Error(`The ${what} ${r.built ? "built" : "did not build"}, against the plan.`);

  const bareBuildAndStart = seconds(bare.buildMs) + bare.readySeconds;
  const rows = [
    {
      id: "fresh-clone-to-ready",
      label: "fresh clone to ready: git clone + npm install + npm start (build, migrate, seed) until /api/health",
      unit: "s",
      figure: seconds(freshMs),
      baseline: bareBuildAndStart,
      baselineLabel: "bare Next.js app: next build + next start to ready",
      note: `clone ${seconds(cloneMs).toFixed(1)} s, npm install ${seconds(installMs).toFixed(1)} s, npm start ${seconds(first.ms).toFixed(1)} s`,
    },
    {
      id: "start-no-build",
      label: "npm start to ready, no build and no data (the fresh clone's first start)",
      unit: "s",
      figure: seconds(noBuild.ms),
      baseline: bareBuildAndStart,
      baselineLabel: "bare Next.js app: next build + next start to ready",
    },
    {
      id: "start-with-build",
      label: "npm start to ready, existing build and data (a restart)",
      unit: "s",
      figure: seconds(restart.ms),
      baseline: bare.readySeconds,
      baselineLabel: "bare Next.js app: next start to ready",
    },
    {
      id: "start-with-build-no-data",
      label: "npm start to ready, existing build, empty data folder (migrate + seed)",
      unit: "s",
      figure: seconds(emptyData.ms),
      baseline: bare.readySeconds,
      baselineLabel: "bare Next.js app: next start to ready",
    },
  ];
  const notes = [
    `Measured in a temporary clone of HEAD (${commit.slice(0, 12)}), embedded database, a fresh DATA_DIR default (.data in the clone). Ready = /api/health answers and the log shows "Ready on" for this port.`,
    `npm install is a real install from the registry through npm's local cache (it also runs prisma generate). The bare app builds with this checkout's node_modules: next build ${seconds(bare.buildMs).toFixed(1)} s, next start to ready ${bare.readySeconds.toFixed(1)} s.`,
    "Timings include `npm start`'s own overhead (npm, then scripts/start.mjs: migrate and seed in tsx, build when stale, then server.mjs).",
  ];
  const { file } = writePart("startup", {
    title: "Start-up: fresh clone, npm start with and without a build",
    startedAt,
    rows,
    notes,
    raw: { commit, cloneMs, installMs, first, noBuild, restart, emptyData, bare: { buildMs: bare.buildMs, readySeconds: bare.readySeconds } },
  });
  printRows(rows);
  for (const note of notes) console.log(`- ${note}`);
  console.log(`Written to ${file}`);
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
});
