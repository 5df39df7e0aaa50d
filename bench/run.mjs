// npm run bench: every benchmark part, one after another, against one production build of the
// committed HEAD (a clone in the temp folder, see bench/lib/portal.mjs), then BENCHMARKS.md and
// bench/benchmarks.json from what they measured.
//
//   npm run bench                      all parts
//   npm run bench -- --only queue,pages   some parts (the others keep their last figures)
//   npm run bench -- --check           exit 1 when a budget is missed or a part could not measure
//   npm run bench -- --render          rewrite BENCHMARKS.md from bench/benchmarks.json only
//
// Each part also runs alone (npm run bench:<part>) and writes bench/results/<part>.json in the
// shape of bench/lib/report.mjs; this script only orders them, gathers and judges.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildInfo, portalCheckout, ROOT } from "./lib/portal.mjs";
import { BenchError, logger, runBenchmark } from "./lib/processes.mjs";
import { RESULTS_DIR } from "./lib/report.mjs";
import { renderBenchmarks } from "./lib/render.mjs";

/** In running order: the cheap and quiet first, the ones that load the machine last. `portal`: it serves the built clone. */
export const PARTS = [
  { part: "validate", script: "bench:validate", title: "Server-side validation" },
  { part: "pages", script: "bench:pages", title: "Page weight and Lighthouse", portal: true },
  { part: "live-validation", script: "bench:live-validation", title: "Live validation in the browser", portal: true },
  { part: "test-connection", script: "bench:test-connection", title: "Test connection" },
  { part: "queue", script: "bench:queue", title: "Admin queue and metrics at 100,000 registrations" },
  { part: "autosave", script: "bench:autosave", title: "Autosave under load, and memory", portal: true },
  { part: "startup", script: "bench:startup", title: "Start-up" },
];

const JSON_FILE = path.join(ROOT, "bench/benchmarks.json");
const MD_FILE = path.join(ROOT, "BENCHMARKS.md");
const log = logger("bench");

function args() {
  const argv = process.argv.slice(2);
  const known = new Set(["--only", "--check", "--render"]);
  for (const a of argv) if (a.startsWith("--") && !known.has(a)) throw new BenchError(`Unknown option ${a}. Options: --only a,b --check --render.`);
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",").filter(Boolean) : null;
  if (only) {
    const names = PARTS.map((p) => p.part);
    const unknown = only.filter((p) => !names.includes(p));
    if (unknown.length || !only.length) throw new BenchError(`--only takes parts among ${names.join(", ")}; got ${JSON.stringify(argv[onlyAt + 1])}.`);
  }
  return { only, check: argv.includes("--check"), render: argv.includes("--render") };
}

function runScript(script, env) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readJson(file, fallback) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return fallback;
  }
}

runBenchmark("bench", async () => {
  const { only, check, render } = args();
  const stored = readJson(JSON_FILE, { parts: {} });
  if (render) {
    writeFileSync(MD_FILE, renderBenchmarks(stored, readFileSync(MD_FILE, "utf8")));
    log(`BENCHMARKS.md rewritten from ${path.relative(ROOT, JSON_FILE)}`);
    return 0;
  }
  const started = Date.now();
  const parts = PARTS.filter((p) => !only || only.includes(p.part));
  // One build of HEAD for every part that serves the portal (startup makes clones of its own).
  const portalDir = parts.some((p) => p.portal) ? await portalCheckout(log) : null;
  if (portalDir) log(`portal build: ${portalDir} (${JSON.stringify(buildInfo(portalDir))})`);
  const env = portalDir ? { ...process.env, BENCH_PORTAL_DIR: portalDir } : process.env;
  const failures = [];
  for (const p of parts) {
    const file = path.join(RESULTS_DIR, `${p.part}.json`);
    rmSync(file, { force: true });
    log(`── ${p.part}: npm run ${p.script}`);
    const partStarted = Date.now();
    const code = await runScript(p.script, env);
    const seconds = Math.round((Date.now() - partStarted) / 1000);
    const result = existsSync(file) ? readJson(file, null) : null;
    if (code !== 0 || !result) {
      failures.push(`${p.part} (exit code ${code}${result ? "" : ", no results"})`);
      stored.parts[p.part] = { part: p.part, title: p.title, failed: true, date: new Date().toISOString(), seconds, exitCode: code, rows: [], notes: [] };
      log(`${p.part} could not measure (exit code ${code}); see its output above`);
      continue;
    }
    stored.parts[p.part] = { ...result, seconds };
    log(`${p.part} done in ${seconds} s`);
  }
  const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  stored.run = {
    date: new Date().toISOString(),
    commit,
    seconds: Math.round((Date.now() - started) / 1000),
    parts: parts.map((p) => p.part),
    portal: buildInfo(portalDir),
  };
  writeFileSync(JSON_FILE, JSON.stringify(stored, null, 2) + "\n");
  writeFileSync(MD_FILE, renderBenchmarks(stored, existsSync(MD_FILE) ? readFileSync(MD_FILE, "utf8") : ""));
  const missed = parts.flatMap((p) =>
    (stored.parts[p.part]?.rows ?? []).filter((r) => r.pass === false).map((r) => `${p.part}: ${r.label} (${r.figure} ${r.unit}, budget ${r.budgetText})`),
  );
  log(`done in ${((Date.now() - started) / 60_000).toFixed(1)} min; BENCHMARKS.md and bench/benchmarks.json written`);
  for (const m of missed) log(`budget missed: ${m}`);
  for (const f of failures) log(`could not measure: ${f}`);
  if (check && (missed.length || failures.length)) return 1;
  return 0;
});
