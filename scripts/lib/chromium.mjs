// The one Chromium setup for the e2e tests, the screenshots and the benchmarks: Debian's
// Chromium by default (Playwright cannot download its own browsers here); PLAYWRIGHT_USE_BUNDLED=1
// uses Playwright's, PLAYWRIGHT_CHROMIUM_PATH another binary.
export const CHROMIUM_PATH = process.env.PLAYWRIGHT_USE_BUNDLED ? undefined : (process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium");

/** No sandbox (containers), no GPU, and none of the browser's own traffic to skew a measurement. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
