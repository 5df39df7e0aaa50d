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

const g = globalThis as unknown as { __portalMailRetry?: NodeJS.Timeout };
if (!g.__portalMailRetry) {
  const { retryPendingMail } = await import("./lib/mail");
  g.__portalMailRetry = setInterval(() => void retryPendingMail().catch(() => undefined), 30_000);
  g.__portalMailRetry.unref();
}
