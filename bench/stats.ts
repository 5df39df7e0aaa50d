// Shared by the benchmarks: command-line options and nearest-rank summaries of timings.
import { percentile } from "./lib/percentile.mjs";

/** A positive whole-number option `--name N`, or the fallback; exits 2 on a bad value. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} needs a positive whole number, got ${JSON.stringify(process.argv[i + 1])}.`);
    process.exit(2);
  }
  return value;
}

export function summarize(values: ArrayLike<number>) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    mean: sum / sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** A summary with each figure rounded, for the results' raw section. */
export function rounded(s: ReturnType<typeof summarize>, digits = 2) {
  const r = (v: number) => Number(v.toFixed(digits));
  return { median: r(s.median), p95: r(s.p95), p99: r(s.p99), mean: r(s.mean), min: r(s.min), max: r(s.max) };
}
