import "server-only";
import path from "node:path";
import { appliedMigrationNames } from "@/lib/db/health";
import { migrationNames } from "@/lib/db/migrate";
import { log } from "@/lib/log";

// Readiness for load balancers: the database answers, and every migration this build ships
// is recorded as applied. An instance whose schema is behind (or ahead of a database that
// was never migrated) must not take traffic.
//
// A database that hangs must not hang the probe: each answer waits at most TIMEOUT_MS. Probes
// that arrive while a check is running share it, so a burst of probes is one query; a check
// that hangs is abandoned when it times out, so the next probe starts afresh.

const TIMEOUT_MS = 2_000;
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

type Verdict = { healthy: boolean; reason?: string };

let expected: string[] | undefined; // this build's migrations: read once per process
let inFlight: Promise<Verdict> | undefined;
let lastHealthy: boolean | undefined;

async function check(): Promise<Verdict> {
  try {
    expected ??= migrationNames(MIGRATIONS_DIR);
    const applied = new Set(await appliedMigrationNames());
    const missing = expected.filter((name) => !applied.has(name));
    return missing.length ? { healthy: false, reason: `migrations not applied: ${missing.join(", ")}` } : { healthy: true };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Logs changes only: a load balancer asks every few seconds. */
function report({ healthy, reason }: Verdict): boolean {
  if (healthy !== lastHealthy) {
    if (healthy) log.info("health.ok");
    else log.warn("health.unavailable", { reason });
  }
  lastHealthy = healthy;
  return healthy;
}

export async function isReady(): Promise<boolean> {
  const current = (inFlight ??= check().finally(() => {
    if (inFlight === current) inFlight = undefined;
  }));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => {
      if (inFlight === current) inFlight = undefined; // abandoned: its late answer goes nowhere
      resolve({ healthy: false, reason: `no answer within ${TIMEOUT_MS} ms` });
    }, TIMEOUT_MS);
    timer.unref();
  });
  try {
    return report(await Promise.race([current, timedOut]));
  } finally {
    clearTimeout(timer);
  }
}
