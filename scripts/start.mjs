// npm start: prepare the database, build when the sources changed, then serve the production
// build on PORT (default 3000). `npm run dev` does the same with the development server.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
// The mode's .env files (.env.development for --dev): Next.js keeps what is loaded first.
nextEnv.loadEnvConfig(root, dev);
const bin = (name) => path.join(root, "node_modules/.bin", name);

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const SOURCES = [
  "server.mjs",
  "app",
  "components",
  "lib",
  "pages",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.js",
  "package.json",
  "postcss.config.mjs",
];
function newestSource(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestSource(path.join(p, n))));
}
function buildIsStale() {
  const id = path.join(root, ".next/BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newestSource(path.join(root, s)) > built);
}

// react-server: the data layer's modules are marked server-only, which only that condition allows.
run(bin("tsx"), ["--conditions=react-server", "scripts/db-migrate.ts"]);
if (!dev && (process.env.FORCE_BUILD === "1" || buildIsStale())) {
  console.log("Building the portal (this takes a minute the first time)...");
  run(bin("next"), ["build"]);
}
const port = process.env.PORT || "3000";
console.log(`Serving the portal on ${process.env.APP_URL || `http://localhost:${port}`}`);
// The server runs in this process rather than a child: a supervisor that only waited on it
// kept a second Node process (about 48 MB resident) for the portal's whole life. server.mjs
// reads --dev from these same arguments and handles SIGINT/SIGTERM and its exit code itself.
process.env.NODE_ENV = dev ? "development" : "production";
await import("../server.mjs");
