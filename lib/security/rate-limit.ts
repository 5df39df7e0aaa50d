import "server-only";
import { clearEvents, eventsSince, recordEvents } from "@/lib/db/rate-limit-events";

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
    eventsSince(accountKey(email), since),
    ip ? eventsSince(ipKey(ip), since) : Promise.resolve([]),
  ]);
  const accountWait = lockFromFailures(account, MAX_FAILURES_PER_ACCOUNT, now);
  if (accountWait) return { locked: true, retryAfterSeconds: accountWait, scope: "account" };
  const ipWait = lockFromFailures(byIp, MAX_FAILURES_PER_IP, now);
  if (ipWait) return { locked: true, retryAfterSeconds: ipWait, scope: "ip" };
  return { locked: false };
}

export async function recordSignInFailure(email: string, ip: string | undefined) {
  await recordEvents(ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)]);
}

/** A successful sign-in clears the account's counter (not the IP's). */
export async function recordSignInSuccess(email: string) {
  await clearEvents(accountKey(email));
}

// Sign-ups per client IP: each one mails an address nobody has verified yet.
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
export const MAX_SIGN_UPS_PER_IP = 10;

/** Seconds to wait before this IP may sign up again, or undefined when it may now. */
export async function signUpWait(ip: string | undefined, now = Date.now()): Promise<number | undefined> {
  if (!ip) return undefined;
  const events = await eventsSince(`signup:${ip}`, new Date(now - SIGN_UP_WINDOW_MS));
  if (events.length < MAX_SIGN_UPS_PER_IP) return undefined;
  const pivot = events[events.length - MAX_SIGN_UPS_PER_IP]!;
  return Math.max(1, Math.ceil((pivot.getTime() + SIGN_UP_WINDOW_MS - now) / 1000));
}

export async function recordSignUp(ip: string | undefined) {
  if (ip) await recordEvents([`signup:${ip}`]);
}

/**
 * A general sliding-window limit: records one event for `key` when under `limit` per
 * `windowMs` and returns undefined; otherwise returns the seconds to wait (nothing recorded).
 */
export async function consumeRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<number | undefined> {
  const events = await eventsSince(key, new Date(now - windowMs));
  if (events.length >= limit) {
    const pivot = events[events.length - limit]!;
    return Math.max(1, Math.ceil((pivot.getTime() + windowMs - now) / 1000));
  }
  await recordEvents([key]);
  return undefined;
}

export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "1 minute" : `${minutes} minutes`;
}
