// First-load JavaScript of the registration wizard (/registrations/<id>/edit/human, signed in),
// next to a bare Next.js page ("<h1>Hello</h1>") built and measured in the same run with the
// same Next.js, so the comparison does not depend on the machine.
//
//   node bench/first-load-js.mjs
//
// Size = sum of zlib.gzipSync(body, level 9) over every distinct script response the browser
// receives while loading the page ("load", then up to NETWORK_IDLE_MS of network idle).
// Both servers are started here on free ports and always stopped at the end.
//
// Note: `node scripts/start.mjs` builds /work/main/.next when the sources are newer than the
// last build; a server already serving that build from this checkout would see it change.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, devices } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS_DIR = path.join(import.meta.dirname, "results");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
// Migrate + seed + a build when the sources changed; BENCH_PORTAL_TIMEOUT_S overrides it.
const PORTAL_TIMEOUT_MS = Number(process.env.BENCH_PORTAL_TIMEOUT_S || 300) * 1000;
const BARE_BUILD_TIMEOUT_MS = 5 * 60_000;
const BARE_START_TIMEOUT_MS = 60_000;
const NETWORK_IDLE_MS = 10_000;
const PARTNER = { email: "partner@example.com", password: "partner-demo-2026" };
// As in playwright.config.ts.
const CHROMIUM_PATH = process.env.PLAYWRIGHT_USE_BUNDLED ? undefined : (process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium");
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TIMED_OUT = Symbol("timed out");
/** promise's value, or TIMED_OUT after ms; the timer is cleared either way (a pending one would keep Node alive). */
async function within(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
const kB = (bytes) => bytes / 1000;
const started = Date.now();
const log = (message) => console.log(`[first-load-js ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Processes: every child is the leader of its own process group, so stopping it also stops what
// it started (start.mjs -> next build / server.mjs). Only these groups are ever signalled.

/** @type {Set<{ name: string, child: import("node:child_process").ChildProcess, exit: Promise<number | null>, exited: boolean, logFile: string }>} */
const processes = new Set();

function launch(name, command, args, { cwd, env, logFile }) {
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
      appendNote(logFile, `could not start: ${error.message}`);
      resolve(null);
    });
  });
  processes.add(proc);
  return proc;
}

function appendNote(logFile, text) {
  try {
    writeFileSync(logFile, `\n[first-load-js] ${text}\n`, { flag: "a" });
  } catch {
    // the log is only for diagnostics
  }
}

function logTail(proc, lines = 30) {
  try {
    const text = readFileSync(proc.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    return `Last lines of ${proc.logFile}:\n${text}`;
  } catch {
    return `(no log at ${proc.logFile})`;
  }
}

async function stop(proc) {
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

async function stopAll() {
  await Promise.all([...processes].map(stop));
}

async function runToEnd(proc, timeoutMs, what) {
  const code = await within(proc.exit, timeoutMs);
  if (code === TIMED_OUT) throw new BenchError(`${what} took longer than ${timeoutMs / 1000} s.\n${logTail(proc)}`);
  if (code !== 0) throw new BenchError(`${what} failed (exit code ${code}).\n${logTail(proc)}`);
}

/** Polls url until it answers (any status below 500) and ready() accepts it, or the process dies. */
async function waitForServer(proc, url, timeoutMs, ready = async () => true) {
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
    await sleep(1000);
  }
  throw new BenchError(`${proc.name} did not answer on ${url} within ${timeoutMs / 1000} s (last: ${last}).\n${logTail(proc)}`);
}

function freePort() {
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

// ---------------------------------------------------------------------------------------------
// Servers

function commonAncestor(a, b) {
  const pa = path.resolve(a).split(path.sep);
  const pb = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}

function writeBareApp(dir) {
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare-next-page", private: true }, null, 2) + "\n");
  // Empty but for one line: Turbopack compiles nothing outside its root and node_modules is a
  // symlink to the portal's, so the root must be a folder holding both (often "/").
  const turbopackRoot = commonAncestor(dir, realpathSync(path.join(ROOT, "node_modules")));
  writeFileSync(path.join(dir, "next.config.js"), `module.exports = { turbopack: { root: ${JSON.stringify(turbopackRoot)} } };\n`);
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["dom", "dom.iterable", "esnext"],
          skipLibCheck: true,
          strict: true,
          noEmit: true,
          esModuleInterop: true,
          module: "esnext",
          moduleResolution: "bundler",
          resolveJsonModule: true,
          isolatedModules: true,
          jsx: "react-jsx",
          plugins: [{ name: "next" }],
        },
        include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
        exclude: ["node_modules"],
      },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(
    path.join(dir, "app/layout.tsx"),
    `import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  );
  writeFileSync(path.join(dir, "app/page.tsx"), `export default function Page() {\n  return <h1>Hello</h1>;\n}\n`);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

async function startBare(work) {
  const dir = path.join(work, "bare-app");
  writeBareApp(dir);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NODE_ENV; // next build / next start choose production themselves
  const logFile = path.join(work, "bare.log");

  log(`building the bare Next.js page in ${dir}`);
  const buildStart = Date.now();
  const build = launch("bare Next.js build", process.execPath, [NEXT_BIN, "build"], { cwd: dir, env, logFile });
  await runToEnd(build, BARE_BUILD_TIMEOUT_MS, "Building the bare Next.js page");
  processes.delete(build);
  const buildSeconds = Math.round((Date.now() - buildStart) / 1000);

  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = launch("bare Next.js server", process.execPath, [NEXT_BIN, "start", "-p", String(port)], { cwd: dir, env, logFile });
  log(`starting the bare page on ${url}`);
  // Check the body too, so a stranger's server that took the port is never measured.
  await waitForServer(server, `${url}/`, BARE_START_TIMEOUT_MS, async (response) => (await response.text()).includes("<h1>Hello</h1>"));
  return { url, server, buildSeconds };
}

async function startPortal(work) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = path.join(work, "portal-data");
  const logFile = path.join(work, "portal.log");
  const env = { ...process.env, PORT: String(port), APP_URL: url, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  // The demo accounts exist only in the embedded default.
  delete env.DATABASE_URL;
  delete env.APP_ENV;
  delete env.NODE_ENV;
  log(`starting the portal on ${url} (DATA_DIR ${dataDir}; it builds first when the sources changed, up to ${PORTAL_TIMEOUT_MS / 60_000} min)`);
  const portalStart = Date.now();
  const server = launch("portal (scripts/start.mjs)", process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, logFile });
  // server.mjs logs "Ready on http://localhost:<port>" once it listens: only then is the port ours.
  const readyLine = `Ready on http://localhost:${port}`;
  await waitForServer(server, `${url}/sign-in`, PORTAL_TIMEOUT_MS, async () => readFileSync(logFile, "utf8").includes(readyLine));
  const rebuilt = readFileSync(logFile, "utf8").includes("Building the portal");
  const readySeconds = Math.round((Date.now() - portalStart) / 1000);
  log(`portal ready after ${readySeconds} s${rebuilt ? " (it rebuilt /work/main/.next first)" : " (existing build reused)"}`);
  return { url, server, rebuilt, readySeconds };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Opens url in a new page of context and returns every distinct script the browser received,
 * with its raw and gzip -9 size. Scripts arriving after the load event are flagged afterLoad.
 */
async function measureScripts(context, url, expectedPath) {
  const page = await context.newPage();
  const scripts = new Map();
  const bodies = [];
  let loaded = false;
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    const afterLoad = loaded;
    bodies.push(
      response
        .body()
        .then((body) => {
          const scriptUrl = response.url();
          if (scripts.has(scriptUrl)) return;
          scripts.set(scriptUrl, {
            url: scriptUrl,
            status: response.status(),
            rawBytes: body.length,
            gzipBytes: gzipSync(body, { level: 9 }).length,
            afterLoad,
          });
        })
        .catch((error) => {
          scripts.set(response.url(), {
            url: response.url(),
            status: response.status(),
            error: String(error.message ?? error),
            rawBytes: 0,
            gzipBytes: 0,
            afterLoad,
          });
        }),
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
  const sum = (list, key) => list.reduce((total, f) => total + f[key], 0);
  const part = (list) => ({ count: list.length, rawBytes: sum(list, "rawBytes"), gzipBytes: sum(list, "gzipBytes") });
  return {
    url,
    ...part(files),
    referencedInHtml: part(files.filter((f) => f.inHtml)),
    notInHtml: part(files.filter((f) => !f.inHtml)),
    afterLoadEvent: part(files.filter((f) => f.afterLoad)),
    files: files.map(({ path: p, rawBytes, gzipBytes, inHtml, afterLoad }) => ({ path: p, rawBytes, gzipBytes, inHtml, afterLoad })),
  };
}

async function signInAndCreateDraft(browser, baseUrl, contextOptions) {
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("E-mail").fill(PARTNER.email);
    await page.getByLabel("Password", { exact: true }).fill(PARTNER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/registrations$/, { timeout: 60_000 }).catch(() => {
      throw new BenchError(
        `Signing in as ${PARTNER.email} did not lead to /registrations (now on ${page.url()}). Are the demo accounts seeded (no DATABASE_URL / APP_ENV in .env)?`,
      );
    });
    await page.goto(`${baseUrl}/registrations/new`);
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/registrations\/[0-9a-f-]{36}\/edit\/human$/, { timeout: 60_000 }).catch(() => {
      throw new BenchError(`"Create draft" did not open the wizard (now on ${page.url()}).`);
    });
    const wizardPath = new URL(page.url()).pathname;
    return { wizardPath, storageState: await context.storageState() };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [fmt(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(fmt)].join("\n");
}

async function main() {
  if (CHROMIUM_PATH && !existsSync(CHROMIUM_PATH)) {
    throw new BenchError(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH.`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-first-load-js-"));
  log(`work directory ${work}`);
  let browser;
  let ok = false;
  try {
    const bare = await startBare(work);
    const portal = await startPortal(work);

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const contextOptions = { ...devices["Desktop Chrome"] };

    log("measuring the bare page");
    const bareContext = await browser.newContext(contextOptions);
    const barePage = await measureScripts(bareContext, `${bare.url}/`, "/");
    await bareContext.close();

    log("signing in as the demo partner and creating a draft");
    const { wizardPath, storageState } = await signInAndCreateDraft(browser, portal.url, contextOptions);
    log(`measuring ${wizardPath} (new context: session cookies, empty HTTP cache)`);
    const portalContext = await browser.newContext({ ...contextOptions, storageState });
    const portalPage = await measureScripts(portalContext, `${portal.url}${wizardPath}`, wizardPath);
    await portalContext.close();

    await browser.close();
    browser = undefined;
    await stopAll();

    // Report
    const ratio = (a, b) => (b ? Number((a / b).toFixed(1)) : null);
    const row = (name, m, base) => [
      name,
      m.count,
      kB(m.rawBytes).toFixed(1),
      kB(m.gzipBytes).toFixed(1),
      base ? `${ratio(m.gzipBytes, base.gzipBytes).toFixed(1)}` : "1.0",
    ];
    console.log("");
    console.log(
      table([
        ["page", "JS files", "raw kB", "gzip -9 kB", "× bare (gzip)"],
        row("bare Next.js page (baseline)", barePage),
        row("wizard /registrations/<id>/edit/human", portalPage, barePage),
      ]),
    );
    console.log(
      `\nWizard: ${portalPage.referencedInHtml.count} files / ${kB(portalPage.referencedInHtml.gzipBytes).toFixed(1)} kB gzip referenced by the HTML, ` +
        `${portalPage.notInHtml.count} / ${kB(portalPage.notInHtml.gzipBytes).toFixed(1)} kB loaded by scripts, ` +
        `${portalPage.afterLoadEvent.count} / ${kB(portalPage.afterLoadEvent.gzipBytes).toFixed(1)} kB after the load event.`,
    );
    console.log(`Wizard's extra JS over the bare page: ${kB(portalPage.gzipBytes - barePage.gzipBytes).toFixed(1)} kB gzip.`);
    console.log("\nLargest wizard scripts (gzip -9 kB):");
    for (const f of portalPage.files.slice(0, 8)) console.log(`  ${kB(f.gzipBytes).toFixed(1).padStart(6)}  ${f.path}${f.inHtml ? "" : " (not in HTML)"}`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    if (!existsSync(path.join(RESULTS_DIR, ".gitignore"))) writeFileSync(path.join(RESULTS_DIR, ".gitignore"), "*\n!.gitignore\n");
    const file = path.join(RESULTS_DIR, "first-load-js.json");
    const nextVersion = JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")).version;
    writeFileSync(
      file,
      JSON.stringify(
        {
          benchmark: "first-load-js",
          date: new Date().toISOString(),
          unit: "bytes (gzip level 9 of each script body; kB in the table = 1,000 bytes)",
          machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length },
          next: nextVersion,
          timings: { bareBuildSeconds: bare.buildSeconds, portalReadySeconds: portal.readySeconds, portalRebuilt: portal.rebuilt },
          baseline: "bare",
          gzipRatio: ratio(portalPage.gzipBytes, barePage.gzipBytes),
          extraGzipBytes: portalPage.gzipBytes - barePage.gzipBytes,
          pages: { bare: barePage, wizard: { ...portalPage, url: `${portal.url}/registrations/<id>/edit/human` } },
        },
        null,
        2,
      ) + "\n",
    );
    console.log(`\nResults written to ${path.relative(process.cwd(), file) || file}`);
    ok = true;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopAll();
    if (ok) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} for its logs (bare.log, portal.log); remove it when done`);
  }
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the servers`);
    await stopAll();
    process.exit(130);
  });
}

main().catch(async (error) => {
  await stopAll();
  console.error(`\n[first-load-js] FAILED: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`);
  process.exit(1);
});
