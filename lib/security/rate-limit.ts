import "server-only";
import { clearFailures, failuresSince, recordFailures } from "@/lib/db/sign-in-failures";

// Sign-in limits: failed attempts within a sliding window, per account and per client IP.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LockState = { locked: false } | { locked: true; retryAfterSeconds: number; scope: "account" | "ip" };

const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * When the `limit`-th most recent failure in the window ages out, the key is free again:
 * with failures sorted oldest first, that is failures[count - limit] + window.
 */
export function lockFromFailures(failures: Date[], limit: number, now: number): number | undefined {
  if (failures.length < limit) return undefined;
  const pivot = failures[failures.length - limit]!;
  const seconds = Math.ceil((pivot.getTime() + SIGN_IN_WINDOW_MS - now) / 1000);
  return seconds > 0 ? seconds : undefined;
}

export async function signInLockState(email: string, ip: string | undefined, now = Date.now()): Promise<LockState> {
  const since = new Date(now - SIGN_IN_WINDOW_MS);
  const [account, byIp] = await Promise.all([
    failuresSince(accountKey(email), since),
    ip ? failuresSince(ipKey(ip), since) : Promise.resolve([]),
  ]);
  const accountWait = lockFromFailures(account, MAX_FAILURES_PER_ACCOUNT, now);
  if (accountWait) return { locked: true, retryAfterSeconds: accountWait, scope: "account" };
  const ipWait = lockFromFailures(byIp, MAX_FAILURES_PER_IP, now);
  if (ipWait) return { locked: true, retryAfterSeconds: ipWait, scope: "ip" };
  return { locked: false };
}

export async function recordSignInFailure(email: string, ip: string | undefined) {
  await recordFailures(ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)]);
}

/** A successful sign-in clears the account's counter (not the IP's). */
export async function recordSignInSuccess(email: string) {
  await clearFailures(accountKey(email));
}

export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "1 minute" : `${minutes} minutes`;
}
