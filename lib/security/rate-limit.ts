import "server-only";
import { clearEvents, deleteEvents, eventsSince, withKeysLocked } from "@/lib/db/rate-limit-events";

// Sliding-window limits kept in the database, so they hold across portal instances. One rule
// computes every wait (waitSeconds), and one locked step checks and records (take), so a
// burst of concurrent requests is counted as if it had arrived one request at a time.
// Housekeeping deletes events older than a day (lib/housekeeping.ts): keep every window shorter.

export type Limit = { key: string; limit: number; windowMs: number };

/**
 * Seconds until the key is free again, or undefined when it is under its limit. When the
 * `limit`-th most recent event ages out, the key is free: with events sorted oldest first,
 * that is events[count - limit] + window.
 */
export function waitSeconds(events: Date[], limit: number, windowMs: number, now: number): number | undefined {
  if (events.length < limit) return undefined;
  const pivot = events[events.length - limit]!;
  const seconds = Math.ceil((pivot.getTime() + windowMs - now) / 1000);
  return seconds > 0 ? seconds : undefined;
}

type Taken = { ok: true; ids: string[] } | { ok: false; limit: Limit; retryAfterSeconds: number };

/** Atomically: when every limit has room, records one event for each and returns their ids. */
async function take(limits: Limit[], now: number): Promise<Taken> {
  return withKeysLocked(
    limits.map((l) => l.key),
    async (counter) => {
      for (const limit of limits) {
        const events = await counter.eventsSince(limit.key, new Date(now - limit.windowMs));
        const wait = waitSeconds(events, limit.limit, limit.windowMs, now);
        if (wait) return { ok: false, limit, retryAfterSeconds: wait };
      }
      return { ok: true, ids: await counter.record(limits.map((l) => l.key)) };
    },
  );
}

async function firstWait(limits: Limit[], now: number): Promise<{ limit: Limit; retryAfterSeconds: number } | undefined> {
  for (const limit of limits) {
    const wait = waitSeconds(await eventsSince(limit.key, new Date(now - limit.windowMs)), limit.limit, limit.windowMs, now);
    if (wait) return { limit, retryAfterSeconds: wait };
  }
  return undefined;
}

/**
 * A general limit: records one event for `key` when under `limit` per `windowMs` and returns
 * undefined; otherwise returns the seconds to wait (nothing recorded).
 */
export async function consumeRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<number | undefined> {
  const taken = await take([{ key, limit, windowMs }], now);
  return taken.ok ? undefined : taken.retryAfterSeconds;
}

// Sign-in: failed attempts within a sliding window, per account and per client IP.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LockState = { locked: false } | { locked: true; retryAfterSeconds: number; scope: "account" | "ip" };
export type SignInAttempt = { ok: true; ids: string[] } | { ok: false; scope: "account" | "ip"; retryAfterSeconds: number };

const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function signInLimits(email: string, ip: string | undefined): Limit[] {
  const account = { key: accountKey(email), limit: MAX_FAILURES_PER_ACCOUNT, windowMs: SIGN_IN_WINDOW_MS };
  return ip ? [account, { key: ipKey(ip), limit: MAX_FAILURES_PER_IP, windowMs: SIGN_IN_WINDOW_MS }] : [account];
}

const scopeOf = (limit: Limit): "account" | "ip" => (limit.key.startsWith("acct:") ? "account" : "ip");

/**
 * Takes one attempt from the account's and the IP's allowance before the password is checked,
 * counting it as a failure until it is known to be one. The password check (scrypt, slow on
 * purpose) then runs outside any lock; a correct password gives the attempt back
 * (attemptSucceeded). So concurrent attempts can never exceed the limit between them.
 */
export async function takeSignInAttempt(email: string, ip: string | undefined, now = Date.now()): Promise<SignInAttempt> {
  const taken = await take(signInLimits(email, ip), now);
  return taken.ok ? taken : { ok: false, scope: scopeOf(taken.limit), retryAfterSeconds: taken.retryAfterSeconds };
}

/** Read-only, for the message after a failure: is the account or IP locked now? */
export async function signInLockState(email: string, ip: string | undefined, now = Date.now()): Promise<LockState> {
  const wait = await firstWait(signInLimits(email, ip), now);
  return wait ? { locked: true, scope: scopeOf(wait.limit), retryAfterSeconds: wait.retryAfterSeconds } : { locked: false };
}

/** A correct password or second factor: this attempt was not a failure after all. */
export async function attemptSucceeded(attempt: { ids: string[] }) {
  await deleteEvents(attempt.ids);
}

/**
 * The account's counter starts again (not the IP's): when a session is actually granted
 * (for staff, only after the second factor), or when a new password ends a lock-out.
 */
export async function clearSignInFailures(email: string) {
  await clearEvents(accountKey(email));
}

// Sign-ups per client IP, counted whatever their outcome: each one may mail an address.
export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;

/** Seconds to wait before this IP may try to sign up again, or undefined (and the attempt is counted). */
export async function takeSignUpAttempt(ip: string | undefined, perHour: number, now = Date.now()): Promise<number | undefined> {
  return ip ? consumeRateLimit(`signup:${ip}`, perHour, SIGN_UP_WINDOW_MS, now) : undefined;
}

export function formatWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "1 minute" : `${minutes} minutes`;
}
