// The one shape every benchmark part writes (bench/results/<part>.json), which bench/run.mjs
// gathers into BENCHMARKS.md and bench/benchmarks.json. A row is one figure beside the baseline
// measured in the same run, with its budget (if it has one) and whether the figure meets it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../results");

/**
 * @typedef {{ op: "<" | "<=" | ">=" | "==", of: "figure" | "ratio" | "delta", value: number }} Budget
 *   "figure": the figure itself; "ratio": figure ÷ baseline; "delta": figure − baseline.
 * @typedef {{
 *   id: string, label: string, unit: string, figure: number | null,
 *   baseline?: number | null, baselineLabel?: string, ratio?: number | null,
 *   budget?: Budget, budgetText?: string, pass?: boolean | null, note?: string,
 * }} Row
 */

const round = (n, digits = 3) => (n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(digits)));

/** The budget in words: "≤ 1.4× baseline", "< 50 ms", "≥ baseline − 3", "= 100". */
export function budgetText(budget, unit = "") {
  if (!budget) return "reported";
  const sign = { "<": "<", "<=": "≤", ">=": "≥", "==": "=" }[budget.op];
  if (budget.of === "ratio") return `${sign} ${budget.value}× baseline`;
  if (budget.of === "delta") return `${sign} baseline ${budget.value < 0 ? "−" : "+"} ${Math.abs(budget.value)}`;
  return `${sign} ${budget.value}${unit && unit !== "score" ? ` ${unit}` : ""}`;
}

/** Completes a row: ratio to the baseline, the budget's text and pass (null without a budget or a figure). */
export function row(r) {
  const ratio = r.baseline ? r.figure / r.baseline : null;
  let pass = null;
  if (r.budget && r.figure !== null && r.figure !== undefined) {
    const value = { figure: r.figure, ratio, delta: r.baseline === null || r.baseline === undefined ? null : r.figure - r.baseline }[r.budget.of];
    pass =
      value === null
        ? false
        : { "<": value < r.budget.value, "<=": value <= r.budget.value, ">=": value >= r.budget.value, "==": value === r.budget.value }[r.budget.op];
  }
  return { ...r, figure: round(r.figure), baseline: round(r.baseline), ratio: round(ratio, 2), budgetText: budgetText(r.budget, r.unit), pass };
}

/** The machine a run measured on, for the reader of BENCHMARKS.md. */
export function machine() {
  const cpus = os.cpus();
  let chromium = null;
  try {
    chromium = execFileSync(process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], {
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    // not installed: the browser parts say so themselves
  }
  let next = null;
  try {
    next = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../node_modules/next/package.json"), "utf8")).version;
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next,
    chromium,
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}

/**
 * Writes bench/results/<part>.json: { part, title, date, seconds, machine, rows, notes, raw }.
 * Returns the path. Rows go through row() here, so every part judges budgets the same way.
 * @param {string} part
 * @param {{ title: string, startedAt?: number, rows: Row[], notes?: string[], raw?: unknown }} result
 */
export function writePart(part, { title, startedAt, rows, notes = [], raw = {} }) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, ".gitignore"), "*\n!.gitignore\n");
  const file = path.join(RESULTS_DIR, `${part}.json`);
  let commit = null;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: path.resolve(import.meta.dirname, "../.."), encoding: "utf8" }).trim();
  } catch {
    // not a checkout: the date and machine still say when and where
  }
  const result = {
    part,
    title,
    commit,
    date: new Date().toISOString(),
    seconds: startedAt ? Math.round((Date.now() - startedAt) / 1000) : null,
    machine: machine(),
    rows: rows.map(row),
    notes,
    raw,
  };
  writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return { file, result };
}

/** Prints a part's rows as a table to the console. */
export function printRows(rows) {
  const cells = [["figure", "value", "baseline", "ratio", "budget", "result"]].concat(
    rows
      .map(row)
      .map((r) => [
        r.label,
        r.figure === null ? "—" : `${r.figure} ${r.unit}`,
        r.baseline === null || r.baseline === undefined ? "—" : `${r.baseline} ${r.unit}`,
        r.ratio === null ? "—" : `${r.ratio}×`,
        r.budgetText,
        r.pass === null ? "reported" : r.pass ? "pass" : "FAIL",
      ]),
  );
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
  for (const [i, c] of cells.entries()) {
    console.log(c.map((v, j) => String(v).padEnd(widths[j])).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}
