// Server-side validation cost of one complete registration, next to a baseline measured in the
// same run (a JSON round trip of the same object), so the numbers can be compared between noisy
// machines by their ratio. Also times parseManifest on the equivalent manifest.
//
//   npx tsx bench/validate.ts [--iterations 20000] [--warmup 5000]
//
// Writes bench/results/validate.json (bench/lib/report.mjs). Exits 0 when it measured, 2 when
// the sample is not valid (it would time the error path). The product target (median < 1 ms)
// is a budget in the result, judged by `npm run bench -- --check`.
import os from "node:os";
import path from "node:path";
import { parseManifest, toManifest } from "@/lib/registration/manifest";
import { validateRegistration } from "@/lib/registration/schema";
import { STAGING, valid } from "@/tests/unit/registration/fixtures";
import { printRows, writePart, type Row } from "./lib/report.mjs";
import { option, rounded, summarize } from "./stats";

const startedAt = Date.now();
const TARGET_MEDIAN_US = 1000;
const BLOCK = 1000; // cases take turns in blocks of this many iterations, so noise hits them alike

const ITERATIONS = option("iterations", 20_000);
const WARMUP = option("warmup", 5_000);

// The workload: the complete registration the unit tests use, and the same registration as a manifest.
const sample = valid();
const ctx = STAGING;
const manifestOptions = { requireLogo: false, brand: ctx.brand };
const manifest = toManifest(sample, ctx.environment, null);

// Refuse to time the error path by accident: the sample must pass both ways.
const check = validateRegistration(sample, ctx);
if (!check.valid) {
  console.error("The sample registration is not valid, so this would time the error path:", check.fieldErrors);
  process.exit(2);
}
const checkManifest = parseManifest(manifest, manifestOptions);
if (!checkManifest.ok) {
  console.error("The sample manifest is refused, so this would time the error path:", checkManifest.fieldErrors);
  process.exit(2);
}

type Case = { key: string; label: string; fn: () => unknown };
const cases: Case[] = [
  { key: "jsonRoundTrip", label: "baseline: JSON.parse(JSON.stringify(sample))", fn: () => JSON.parse(JSON.stringify(sample)) },
  { key: "validateRegistration", label: "validateRegistration(sample, staging)", fn: () => validateRegistration(sample, ctx) },
  { key: "parseManifest", label: "parseManifest(manifest)", fn: () => parseManifest(manifest, manifestOptions) },
  // What a timed call costs when the call does nothing: the floor under every number above.
  { key: "timerOverhead", label: "(timer overhead: empty function)", fn: () => undefined },
];

let sink: unknown; // keeps every result reachable, so no call can be optimised away
function run(fn: () => unknown, n: number, out: Float64Array | null, offset: number) {
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    sink = fn();
    const end = process.hrtime.bigint();
    if (out) out[offset + i] = Number(end - start) / 1000; // ns -> µs
  }
}

for (const c of cases) run(c.fn, WARMUP, null, 0);

const samples = new Map(cases.map((c) => [c.key, new Float64Array(ITERATIONS)]));
const wallStart = process.hrtime.bigint();
for (let done = 0; done < ITERATIONS; done += BLOCK) {
  const n = Math.min(BLOCK, ITERATIONS - done);
  for (const c of cases) run(c.fn, n, samples.get(c.key)!, done);
}
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
void sink;

const stats = summarize;

const results = Object.fromEntries(cases.map((c) => [c.key, { label: c.label, ...stats(samples.get(c.key)!) }]));
const baseline = results.jsonRoundTrip!;
const round = (v: number, digits = 2) => Number(v.toFixed(digits));
/** Median over the baseline's median: 1 decimal, 2 for tiny values such as the timer overhead. */
const ratio = (key: string) => {
  const r = results[key]!.median / baseline.median;
  return round(r, r < 0.1 ? 2 : 1);
};

// Table
const header = ["case", "median µs", "p95 µs", "p99 µs", "× baseline (median)"];
const rows = cases.map((c) => {
  const r = results[c.key]!;
  return [c.label, r.median.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2), ratio(c.key).toFixed(ratio(c.key) < 0.1 ? 2 : 1)];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
console.log(
  `\n${ITERATIONS.toLocaleString("en")} timed iterations per case (after ${WARMUP.toLocaleString("en")} warm-up), Node ${process.version}, ${os.cpus().length} CPUs, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}\n`,
);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));

const validateMedian = results.validateRegistration!.median;
const pass = validateMedian < TARGET_MEDIAN_US;
console.log(
  `\nvalidateRegistration median ${validateMedian.toFixed(2)} µs: ${pass ? "within" : "OVER"} the ${TARGET_MEDIAN_US / 1000} ms target ` +
    `(${ratio("validateRegistration")}× the JSON round-trip baseline).`,
);

// JSON results through the shared contract: the budget (median < 1 ms) is judged there and by
// `npm run bench -- --check`, not by this script's exit code.
const r2 = (key: string) => results[key]!;
const benchRows: Row[] = [
  {
    id: "validateRegistration-median",
    label: "validateRegistration(sample, staging), median",
    unit: "µs",
    figure: r2("validateRegistration").median,
    baseline: baseline.median,
    baselineLabel: "JSON.parse(JSON.stringify(sample)), median",
    budget: { op: "<", of: "figure", value: TARGET_MEDIAN_US },
    note: "product target: server-side validation of a complete registration under 1 ms median",
  },
  {
    id: "validateRegistration-p95",
    label: "validateRegistration(sample, staging), p95",
    unit: "µs",
    figure: r2("validateRegistration").p95,
    baseline: baseline.p95,
    baselineLabel: "JSON.parse(JSON.stringify(sample)), p95",
  },
  {
    id: "parseManifest-median",
    label: "parseManifest(manifest), median (maps, then validateRegistration)",
    unit: "µs",
    figure: r2("parseManifest").median,
    baseline: baseline.median,
    baselineLabel: "JSON.parse(JSON.stringify(sample)), median",
  },
  {
    id: "timer-overhead-median",
    label: "(timer overhead: empty function), median",
    unit: "µs",
    figure: r2("timerOverhead").median,
  },
];
const { file } = writePart("validate", {
  title: "Server-side validation of a complete registration",
  startedAt,
  rows: benchRows,
  notes: [
    `${ITERATIONS.toLocaleString("en")} timed calls per case after ${WARMUP.toLocaleString("en")} warm-up, cases taking turns in blocks of ${BLOCK}; each call timed on its own with process.hrtime.bigint().`,
    "Sample: valid() of tests/unit/registration/fixtures.ts, staging context; parseManifest of toManifest(sample) with requireLogo false.",
  ],
  raw: {
    iterations: ITERATIONS,
    warmup: WARMUP,
    wallSeconds: round(wallSeconds, 3),
    context: ctx,
    results: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { label: r.label, ...rounded(r), medianVsBaseline: ratio(k) }])),
  },
});
console.log("");
printRows(benchRows);
console.log(`Results written to ${path.relative(process.cwd(), file) || file}`);
process.exit(0);
