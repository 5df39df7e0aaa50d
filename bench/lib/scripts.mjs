// First-load JavaScript, one method for every page: the sum of zlib.gzipSync(body, level 9)
// over every distinct script response the browser receives while loading the page ("load",
// then up to NETWORK_IDLE_MS of network idle), so the figure does not depend on how the
// server compresses. Inline <script> tags (the RSC payload) are part of the HTML, not counted.
import { gzipSync } from "node:zlib";
import { BenchError } from "./processes.mjs";

const NETWORK_IDLE_MS = 10_000;

const sum = (list, key) => list.reduce((total, f) => total + f[key], 0);
const part = (list) => ({ count: list.length, rawBytes: sum(list, "rawBytes"), gzipBytes: sum(list, "gzipBytes") });

/**
 * Opens url in a new page of context (give it an empty HTTP cache: a new context) and returns
 * every distinct script the browser received, with its raw and gzip -9 size, plus the console
 * errors the page logged (CSP violations among them). Scripts after the load event are flagged.
 */
export async function measureScripts(context, url, expectedPath, log = () => {}) {
  const page = await context.newPage();
  const scripts = new Map();
  const bodies = [];
  const consoleErrors = [];
  let loaded = false;
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    const afterLoad = loaded;
    const scriptUrl = response.url();
    bodies.push(
      response.body().then(
        (body) => {
          if (!scripts.has(scriptUrl))
            scripts.set(scriptUrl, {
              url: scriptUrl,
              status: response.status(),
              rawBytes: body.length,
              gzipBytes: gzipSync(body, { level: 9 }).length,
              afterLoad,
            });
        },
        (error) =>
          scripts.set(scriptUrl, { url: scriptUrl, status: response.status(), error: String(error.message ?? error), rawBytes: 0, gzipBytes: 0, afterLoad }),
      ),
    );
  });

  const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
  loaded = true;
  if (!response) throw new BenchError(`No response for ${url}.`);
  if (response.status() !== 200) throw new BenchError(`${url} answered HTTP ${response.status()}, expected 200.`);
  const finalPath = new URL(page.url()).pathname;
  if (finalPath !== expectedPath) throw new BenchError(`${url} ended on ${page.url()} instead of ${expectedPath} (redirected?).`);
  const html = await response.text();
  await page
    .waitForLoadState("networkidle", { timeout: NETWORK_IDLE_MS })
    .catch(() => log(`network not idle after ${NETWORK_IDLE_MS / 1000} s; counting what arrived`));
  await Promise.all(bodies);
  await page.close();

  const files = [...scripts.values()]
    .map((s) => ({ ...s, path: new URL(s.url).pathname, inHtml: html.includes(new URL(s.url).pathname) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const failed = files.filter((f) => f.error || f.status !== 200);
  if (failed.length)
    throw new BenchError(`Could not read ${failed.length} script(s): ${failed.map((f) => `${f.path} (${f.error ?? `HTTP ${f.status}`})`).join(", ")}`);
  return {
    url,
    ...part(files),
    referencedInHtml: part(files.filter((f) => f.inHtml)),
    notInHtml: part(files.filter((f) => !f.inHtml)),
    afterLoadEvent: part(files.filter((f) => f.afterLoad)),
    files: files.map(({ path: p, rawBytes, gzipBytes, inHtml, afterLoad }) => ({ path: p, rawBytes, gzipBytes, inHtml, afterLoad })),
    consoleErrors,
  };
}
