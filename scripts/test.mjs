// npm test — every test: unit and integration (Vitest) on the embedded database, the
// integration tests again on a throwaway PostgreSQL cluster, then end-to-end tests in Chromium
// (Playwright). Each step prints its own report; the last lines summarise the steps.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { postgresBinDir, withPostgres } from "./lib/postgres.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules/.bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];

function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  results.push({ name, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return r.status === 0;
}

async function withPostgresOrSkip(run) {
  if (!postgresBinDir()) {
    const message =
      "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and POSTGRES_BIN_DIR).\n" +
      "Install them with: sudo apt-get install -y postgresql   (the integration tests then also run on PostgreSQL)";
    if (process.env.CI) {
      console.error(message);
      results.push({ name: "integration tests on PostgreSQL", ok: false, seconds: 0 });
    } else {
      console.warn(`\n!!! ${message}\n!!! Skipping the PostgreSQL run of the integration tests.`);
      results.push({ name: "integration tests on PostgreSQL (skipped: no server binaries)", ok: true, seconds: 0 });
    }
    return;
  }
  await withPostgres(run);
}

const only = process.argv[2]; // optional: unit | postgres | e2e
const files = process.argv.slice(3); // optional, with "postgres": the integration test files to run
if (!only || only === "unit") step("unit and integration tests (embedded database)", bin("vitest"), ["run"]);
if (!only || only === "postgres") {
  await withPostgresOrSkip(async (url) => {
    step("integration tests on PostgreSQL", bin("vitest"), ["run", ...(files.length ? files : ["tests/integration"])], {
      TEST_DATABASE: "postgresql",
      TEST_POSTGRES_URL: url,
    });
  });
}
if (!only || only === "e2e") {
  const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!process.env.PLAYWRIGHT_USE_BUNDLED && !existsSync(chromium)) {
    console.error(
      `\nChromium not found at ${chromium}. Install it with: sudo apt-get install -y chromium\n` +
        "(or set PLAYWRIGHT_CHROMIUM_PATH, or PLAYWRIGHT_USE_BUNDLED=1 to use Playwright's own browser).",
    );
    results.push({ name: "end-to-end tests (Chromium missing)", ok: false, seconds: 0 });
  } else {
    step("end-to-end tests in Chromium", bin("playwright"), ["test"]);
  }
}

console.log("\n=== summary ===");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"}  ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
