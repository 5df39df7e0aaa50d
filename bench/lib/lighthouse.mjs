// Lighthouse through its node API, in one headless Chromium launched here (chrome-launcher, a
// dependency of lighthouse): mobile profile defaults with simulated throttling, Performance,
// Accessibility and Best Practices only. Signed-in pages get their session cookie through
// extraHeaders, as `lighthouse --extra-headers` would.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../scripts/lib/chromium.mjs";
import { launch as launchChrome } from "chrome-launcher";
import lighthouse from "lighthouse";
import { BenchError } from "./processes.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices"];
const score = (category) => (category?.score === null || category?.score === undefined ? null : Math.round(category.score * 100));

/** Audits of a category that count (weight > 0) and did not pass. */
function failingAudits(lhr, category) {
  return (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1)
    .map((audit) => `${category}/${audit.id}`);
}

/** The first DOM node an audit's details mention (an insight nests them in lists and tables). */
function firstNode(details) {
  if (!details || typeof details !== "object") return undefined;
  if (details.type === "node") return details;
  for (const v of Object.values(details)) {
    const found = Array.isArray(v) ? v.map(firstNode).find(Boolean) : firstNode(v);
    if (found) return found;
  }
  return undefined;
}

/** The LCP breakdown insight's phase table as { label: ms }. */
function lcpPhases(details) {
  const table = details?.items?.find((i) => i?.type === "table") ?? (details?.type === "table" ? details : undefined);
  if (!table) return null;
  return Object.fromEntries((table.items ?? []).map((row) => [String(row.subpart ?? row.label ?? "?"), Math.round(row.duration ?? 0)]));
}

export async function lighthouseBrowser(log = () => {}) {
  const chromePath = CHROMIUM_PATH ?? "/usr/bin/chromium";
  const chrome = await launchChrome({ chromePath, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  const version = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(new URL(import.meta.resolve("lighthouse/package.json")), "utf8"))).version;
  log(`Lighthouse ${version} on ${chromePath} (port ${chrome.port})`);
  return {
    version,
    /** One Lighthouse run of url; expectedPath guards against a redirect (to sign-in, say). */
    async run(url, expectedPath, cookie) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: CATEGORIES,
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
      });
      const lhr = result?.lhr;
      if (!lhr) throw new BenchError(`Lighthouse gave no result for ${url}.`);
      if (lhr.runtimeError) throw new BenchError(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      // BENCH_LHR_DIR keeps every full report (trace-derived audits, the LCP element's phases) for
      // a closer look at a page that misses; the figures never depend on it.
      if (process.env.BENCH_LHR_DIR) {
        const fs = await import("node:fs");
        fs.mkdirSync(process.env.BENCH_LHR_DIR, { recursive: true });
        const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "_")}-${Date.now()}.json`;
        fs.writeFileSync(`${process.env.BENCH_LHR_DIR}/${name}`, JSON.stringify(lhr));
      }
      const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
      if (finalPath !== expectedPath) throw new BenchError(`Lighthouse on ${url} ended on ${lhr.finalDisplayedUrl} (redirected?).`);
      const scripts = lhr.audits["resource-summary"]?.details?.items?.find((i) => i.resourceType === "script");
      return {
        performance: score(lhr.categories.performance),
        accessibility: score(lhr.categories.accessibility),
        bestPractices: score(lhr.categories["best-practices"]),
        tbt: lhr.audits["total-blocking-time"]?.numericValue ?? null,
        lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
        fcp: lhr.audits["first-contentful-paint"]?.numericValue ?? null,
        // Which element was the LCP and where its time went (TTFB, load delay, render delay): the
        // first question when a page's LCP is far from the bare page's.
        lcpElement: firstNode(lhr.audits["lcp-breakdown-insight"]?.details)?.snippet ?? null,
        lcpPhases: lcpPhases(lhr.audits["lcp-breakdown-insight"]?.details),
        scriptTransferBytes: scripts?.transferSize ?? null,
        failing: ["accessibility", "best-practices"].flatMap((c) => failingAudits(lhr, c)),
        consoleErrors: (lhr.audits["errors-in-console"]?.details?.items ?? []).map((i) => String(i.description ?? "").slice(0, 300)),
        warnings: lhr.runWarnings ?? [],
      };
    },
    close: async () => {
      await chrome.kill();
    },
  };
}
