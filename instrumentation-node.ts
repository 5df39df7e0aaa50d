// Validate configuration (one line and exit on error), keep retrying undelivered mail, and run
// housekeeping (lib/housekeeping.ts) on its schedule.
import { EnvError, env } from "./lib/env";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Next.js may evaluate this module more than once per process: the timers start once.
const g = globalThis as unknown as { __portalTimers?: true };
if (!g.__portalTimers) {
  g.__portalTimers = true;
  const [{ startMailRetry }, { startHousekeeping }] = await Promise.all([import("./lib/mail"), import("./lib/housekeeping")]);
  startMailRetry();
  startHousekeeping();
}
