// Validate configuration (one line and exit on error) and keep retrying undelivered mail.
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
  const { startMailRetry } = await import("./lib/mail");
  startMailRetry();
}
