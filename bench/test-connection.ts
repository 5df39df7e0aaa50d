// Server-side time of a full Test connection (start to result, without the human steps), next
// to baselines measured in the same run against the same authorization server, so the numbers
// compare between noisy machines by their ratio.
//
//   npx tsx --conditions=react-server bench/test-connection.ts [--iterations 50] [--warmup 5]
//
// In process: the embedded database (PGlite, in memory, migrated) and an external oidc-provider
// (tests/support/external-issuer.ts) on a loopback port, with a confidential client registered
// there by RFC 7591. Per iteration: startRun and completeRun are timed; sign-in and consent
// (completeAuthorization, the human steps) run in between and are timed but excluded.
// Exit code 2 when the set-up fails or a run does not pass (it would time the error path).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/connect";
import { db, setDatabaseForTests } from "@/lib/db/index";
import { migrate } from "@/lib/db/migrate";
import { createRegistration } from "@/lib/db/registrations";
import { clientMetadata, registerClient } from "@/lib/oauth/provisioning";
import { clearMetadataCache, type TestClient } from "@/lib/test-connection/client";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import { completeAuthorization } from "@/tests/support/oauth-browserless";
import { valid } from "@/tests/unit/registration/fixtures";
import { option, summarize } from "./stats";

const ITERATIONS = option("iterations", 50);
const WARMUP = option("warmup", 5);
const APP_URL = "http://localhost:3993"; // never listened on: only the redirect URI's origin
const REDIRECT = `${APP_URL}/api/test-connection/callback`;

type Key = "discovery" | "tokenEndpoint" | "start" | "complete" | "total" | "human" | "startColdMetadata";
/** Steps of completeRun that call the issuer, by their own recorded durationMs (whole ms). */
const TIMED_STEPS = ["token_exchange", "api_call", "refresh"] as const;
const LABELS: Record<Key, string> = {
  discovery: "baseline: discovery fetch (GET /.well-known/openid-configuration)",
  tokenEndpoint: "baseline: one token-endpoint round trip (refused refresh_token grant)",
  start: "startRun (server side)",
  complete: "completeRun (server side)",
  total: "full run: startRun + completeRun",
  human: "(excluded) sign-in + consent, completeAuthorization",
  startColdMetadata: "(reported only) startRun, metadata cache cleared",
};

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

// oidc-provider's development-mode notices (in-memory storage, dev keys, default TTLs, Node 20).
for (const level of ["info", "warn"] as const) {
  const write = console[level];
  console[level] = (...args: unknown[]) => (/oidc-provider (NOTICE|WARNING)/.test(String(args[0])) ? undefined : write(...args));
}

async function main() {
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "bench-test-connection-"));
  process.env.APP_URL = APP_URL;
  // Imported here, after the filter above: oidc-provider warns as soon as it is loaded.
  const { startExternalIssuer } = await import("@/tests/support/external-issuer");
  const external = await startExternalIssuer();
  process.env.OAUTH_ISSUER = external.issuer;
  process.env.OAUTH_INITIAL_ACCESS_TOKEN = external.initialAccessToken;
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;

  const database = await openDatabase({ dataDir: "", inMemory: true });
  await migrate(database.sql, path.resolve(import.meta.dirname, "../prisma/migrations"));
  setDatabaseForTests(database);
  const prisma = await db();
  const org = await prisma.organization.create({ data: { name: "Bench Org" }, select: { id: true } });
  const member = await prisma.user.create({
    data: {
      email: "bench@partner.example",
      name: "Bench Member",
      emailVerified: new Date(),
      membership: { create: { organizationId: org.id, role: "OWNER" } },
    },
    select: { id: true, name: true, email: true },
  });
  const data = valid({ redirectUris: [REDIRECT], scopes: ["users:read"] });
  const { id: registrationId } = await createRegistration({ organizationId: org.id, member, environment: "staging", data });
  const provisioned = await registerClient(external.issuer, external.initialAccessToken, clientMetadata(data, "staging", null));
  if (!provisioned.clientSecret) fail("The issuer registered the client without a secret.");
  const client: TestClient = {
    issuer: external.issuer,
    clientId: provisioned.clientId,
    tokenEndpointAuthMethod: "client_secret_basic",
    clientSecret: provisioned.clientSecret!,
  };
  const { clientSecret: _secret, ...publicClient } = client;
  const discovery = (await (await fetch(`${external.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret!)}`).toString("base64")}`;

  const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const value = await fn();
    return [value, performance.now() - t0];
  };
  const baselines = {
    discovery: async () => {
      const response = await fetch(`${external.issuer}/.well-known/openid-configuration`, { headers: { Accept: "application/json" } });
      if (!response.ok) fail(`discovery answered HTTP ${response.status}`);
      await response.json();
    },
    tokenEndpoint: async () => {
      const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: "not-a-refresh-token" });
      const response = await fetch(discovery.token_endpoint, { method: "POST", body, headers: { Authorization: basic, Accept: "application/json" } });
      const json = (await response.json()) as { error?: string };
      if (json.error !== "invalid_grant") fail(`the token endpoint answered ${response.status} ${JSON.stringify(json)}, expected invalid_grant`);
    },
  };

  const start = () => startRun({ registrationId, userId: member.id, client: publicClient, redirectUri: REDIRECT, scopes: ["users:read"] });
  const samples = Object.fromEntries(Object.keys(LABELS).map((k) => [k, [] as number[]])) as Record<Key, number[]>;
  const breakdown = Object.fromEntries(TIMED_STEPS.map((id) => [id, [] as number[]])) as Record<(typeof TIMED_STEPS)[number], number[]>;
  const wallStart = performance.now();
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const record = i >= WARMUP;
    const [, discoveryMs] = await time(baselines.discovery);
    const [, tokenMs] = await time(baselines.tokenEndpoint);
    const [started, startMs] = await time(start);
    if (!started.ok) return fail(`startRun failed: ${started.problem}`);
    const [callbackUrl, humanMs] = await time(() => completeAuthorization(started.authorizationUrl, { login: "bench-user", kind: "oidc-provider-dev" }));
    const [result, completeMs] = await time(() => completeRun({ callbackUrl, userId: member.id, client }));
    if (result.outcome !== "completed" || result.status !== "passed") fail(`run ${i} did not pass: ${JSON.stringify(result)}`);
    const row = await prisma.testRun.findUniqueOrThrow({ where: { id: started.runId }, select: { steps: true } });
    const stepMs = new Map((row.steps as { id: string; durationMs: number }[]).map((step) => [step.id, step.durationMs]));
    clearMetadataCache(); // the next startRun discovers again, as after a minute without runs
    const [cold, coldMs] = await time(start);
    if (!cold.ok) fail(`startRun (cold) failed: ${cold.problem}`);
    if (!record) continue;
    samples.discovery.push(discoveryMs);
    samples.tokenEndpoint.push(tokenMs);
    samples.start.push(startMs);
    samples.complete.push(completeMs);
    samples.total.push(startMs + completeMs);
    samples.human.push(humanMs);
    samples.startColdMetadata.push(coldMs);
    for (const id of TIMED_STEPS) breakdown[id].push(stepMs.get(id) ?? NaN);
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const [passed, pending] = await Promise.all([prisma.testRun.count({ where: { status: "passed" } }), prisma.testRun.count({ where: { status: "pending" } })]);
  await external.close();
  setDatabaseForTests(undefined);
  await database.close();

  const round = (v: number, digits = 2) => Number(v.toFixed(digits));
  const stats = summarize;
  const results = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)])) as Record<Key, ReturnType<typeof stats>>;
  const steps = Object.fromEntries(TIMED_STEPS.map((id) => [id, { median: stats(breakdown[id]).median, p95: stats(breakdown[id]).p95 }]));
  const ratio = (key: Key) => round(results[key].median / results.discovery.median, 1);

  const header = ["case", "median ms", "p95 ms", "× discovery (median)"];
  const rows = (Object.keys(LABELS) as Key[]).map((k) => [LABELS[k], results[k].median.toFixed(2), results[k].p95.toFixed(2), ratio(k).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\n${ITERATIONS} timed runs (after ${WARMUP} warm-up), Node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}, ${wallSeconds.toFixed(1)} s\n`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log(`\nInside completeRun, medians of the steps' own durationMs: ${TIMED_STEPS.map((id) => `${id} ${steps[id]!.median} ms`).join(", ")}.`);
  console.log(
    `A full run (server side) takes ${results.total.median.toFixed(1)} ms median, ${results.total.p95.toFixed(1)} ms p95: ${ratio("total")}× one discovery fetch to the same server.`,
  );

  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path.join(dir, ".gitignore"))) writeFileSync(path.join(dir, ".gitignore"), "*\n!.gitignore\n");
  const file = path.join(dir, "test-connection.json");
  const json = {
    benchmark: "test-connection",
    date: new Date().toISOString(),
    unit: "milliseconds",
    iterations: ITERATIONS,
    warmup: WARMUP,
    wallSeconds: round(wallSeconds, 1),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg() },
    setup: {
      database: "PGlite in memory",
      issuer: "oidc-provider 9 in process (tests/support/external-issuer.ts)",
      client: "client_secret_basic",
      scopes: "users:read openid",
    },
    runs: { passed, pendingColdStarts: pending },
    baseline: "discovery",
    completeRunSteps: { note: "each step's own durationMs (whole ms) as stored in TestRun.steps", ...steps },
    results: Object.fromEntries(
      (Object.keys(LABELS) as Key[]).map((k) => {
        const r = results[k];
        return [
          k,
          {
            label: LABELS[k],
            median: round(r.median),
            p95: round(r.p95),
            p99: round(r.p99),
            mean: round(r.mean),
            min: round(r.min),
            max: round(r.max),
            medianVsBaseline: ratio(k),
          },
        ];
      }),
    ),
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  console.log(`Results written to ${path.relative(process.cwd(), file) || file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}`),
);
