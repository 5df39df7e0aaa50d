import "server-only";
import { pruneExclusively, type Cutoffs, type Pruned } from "@/lib/db/housekeeping";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Housekeeping: removes what no longer serves anyone, on a schedule (HOUSEKEEPING_INTERVAL_MINUTES),
// by one instance at a time (the lock is in lib/db/housekeeping.ts). What is kept, and why:

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rate-limit events: far longer than the longest limit's window (1 hour: sign-ups per IP, sign-up mails per address). */
const RATE_LIMIT_EVENTS_KEPT_MS = DAY_MS;
/**
 * Sign-up, reset and invitation links, a week after they were used or expired: until then a
 * late click still reads "expired" or "already used" rather than "not valid".
 */
const LINKS_KEPT_MS = 7 * DAY_MS;
/** Second-factor steps live 10 minutes; a day after, they (and any TOTP secret being set up) go. */
const CHALLENGES_KEPT_MS = DAY_MS;
/**
 * Test connection state (state hash, verifier), an hour after the run expired (runs expire 10
 * minutes after they start). Until then a reloaded callback still reads "already used" or
 * "expired"; afterwards its state is unknown. The run and its steps are kept.
 */
const TEST_RUN_STATE_KEPT_MS = HOUR_MS;
/** The first run waits for the server to settle after a start. */
const FIRST_RUN_DELAY_MS = 60_000;

function cutoffs(now: Date): Cutoffs {
  const { mailRetentionMs, sessionRetentionMs } = env().housekeeping;
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    now,
    rateLimitEvents: before(RATE_LIMIT_EVENTS_KEPT_MS),
    links: before(LINKS_KEPT_MS),
    challenges: before(CHALLENGES_KEPT_MS),
    sessions: before(sessionRetentionMs),
    mail: before(mailRetentionMs),
    testRunState: before(TEST_RUN_STATE_KEPT_MS),
  };
}

/** One run; null when another instance was running it. */
export async function runHousekeeping(now = new Date()): Promise<Pruned | null> {
  const pruned = await pruneExclusively(cutoffs(now));
  if (pruned) log.info("housekeeping.done", pruned);
  return pruned;
}

/** Starts the schedule: each run begins an interval after the previous one ended. Returns a stop function. */
export function startHousekeeping(): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (ms: number) => {
    timer = setTimeout(run, ms);
    timer.unref();
  };
  const run = () => {
    runHousekeeping()
      .catch((error) => log.error("housekeeping.failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        if (!stopped) schedule(env().housekeeping.intervalMs);
      });
  };
  schedule(Math.min(FIRST_RUN_DELAY_MS, env().housekeeping.intervalMs));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
