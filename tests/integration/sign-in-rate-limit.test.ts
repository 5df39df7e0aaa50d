import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  SIGN_IN_WINDOW_MS,
  SIGN_UP_WINDOW_MS,
  clearSignInFailures,
  consumeRateLimit,
  signInLockState,
  takeSignInAttempt,
  takeSignUpAttempt,
} from "@/lib/security/rate-limit";
import { withTestDatabase } from "../support/db";

withTestDatabase();

let counter = 0;
const nextEmail = () => `limited-${++counter}@example.com`;
const nextIp = () => `198.51.100.${++counter}`;

// A failed attempt is one taken and never given back.
const recordSignInFailure = (email: string, ip: string | undefined) => takeSignInAttempt(email, ip);
async function fail(email: string, ip: string | undefined, times: number) {
  for (let i = 0; i < times; i++) await recordSignInFailure(email, ip);
}

describe("per-account limit", () => {
  it("allows 4 failures and locks the account on the 5th for about 15 minutes", async () => {
    const email = nextEmail();
    const ip = nextIp();
    await fail(email, ip, 4);
    expect(await signInLockState(email, ip)).toEqual({ locked: false });
    await recordSignInFailure(email, ip);
    const state = await signInLockState(email, ip);
    expect(state).toMatchObject({ locked: true, scope: "account" });
    const seconds = state.locked ? state.retryAfterSeconds : 0;
    expect(seconds).toBeGreaterThanOrEqual(850);
    expect(seconds).toBeLessThanOrEqual(900);
  });

  it("counts the address case-insensitively and from any IP (or none)", async () => {
    const email = nextEmail();
    await fail(email.toUpperCase(), nextIp(), 2);
    await fail(` ${email} `, undefined, 2);
    await recordSignInFailure(email, nextIp());
    expect(await signInLockState(email, undefined)).toMatchObject({ locked: true, scope: "account" });
    expect(await signInLockState(email.toUpperCase(), nextIp())).toMatchObject({ locked: true, scope: "account" });
  });

  it("unlocks once the failures leave the window", async () => {
    const email = nextEmail();
    await fail(email, undefined, 5);
    expect((await signInLockState(email, undefined)).locked).toBe(true);
    expect(await signInLockState(email, undefined, Date.now() + SIGN_IN_WINDOW_MS + 1000)).toEqual({ locked: false });
  });

  it("ignores failures older than 15 minutes", async () => {
    const email = nextEmail();
    const now = Date.now();
    const client = await db();
    for (let i = 0; i < 5; i++) {
      await client.rateLimitEvent.create({
        data: { key: `acct:${email}`, createdAt: new Date(now - SIGN_IN_WINDOW_MS - 60_000 - i * 1000) },
      });
    }
    await fail(email, undefined, 4);
    expect(await signInLockState(email, undefined, now)).toEqual({ locked: false });
    await recordSignInFailure(email, undefined);
    expect(await signInLockState(email, undefined, now)).toMatchObject({ locked: true, scope: "account" });
  });

  it("is cleared by a successful sign-in", async () => {
    const email = nextEmail();
    await fail(email, undefined, 5);
    await clearSignInFailures(email.toUpperCase());
    expect(await signInLockState(email, undefined)).toEqual({ locked: false });
    await fail(email, undefined, 4);
    expect(await signInLockState(email, undefined)).toEqual({ locked: false });
  });
});

describe("per-IP limit", () => {
  it("locks other accounts from the same IP only at 20 failures", async () => {
    const ip = nextIp();
    const first = nextEmail();
    const other = nextEmail();
    await fail(first, ip, 5);
    expect(await signInLockState(first, ip)).toMatchObject({ locked: true, scope: "account" });
    expect(await signInLockState(other, ip)).toEqual({ locked: false });

    // 14 more failures (19 in all), spread over accounts that each stay below their own limit.
    for (let i = 0; i < 14; i++) await recordSignInFailure(`spray-${ip}-${i % 4}@example.com`, ip);
    expect(await signInLockState(other, ip)).toEqual({ locked: false });
    await recordSignInFailure(`spray-${ip}-last@example.com`, ip);
    const state = await signInLockState(other, ip);
    expect(state).toMatchObject({ locked: true, scope: "ip" });
    expect(state.locked && state.retryAfterSeconds).toBeGreaterThanOrEqual(850);

    // The same account from another IP is fine.
    expect(await signInLockState(other, nextIp())).toEqual({ locked: false });
    expect(await signInLockState(other, undefined)).toEqual({ locked: false });
  });

  it("is not cleared by a successful sign-in", async () => {
    const ip = nextIp();
    const email = nextEmail();
    for (let i = 0; i < 20; i++) await recordSignInFailure(i < 4 ? email : `other-${ip}-${i % 5}@example.com`, ip);
    expect(await signInLockState(email, ip)).toMatchObject({ locked: true, scope: "ip" });
    await clearSignInFailures(email);
    expect(await signInLockState(email, ip)).toMatchObject({ locked: true, scope: "ip" });
    expect(await (await db()).rateLimitEvent.count({ where: { key: `acct:${email}` } })).toBe(0);
    expect(await (await db()).rateLimitEvent.count({ where: { key: `ip:${ip}` } })).toBe(20);
  });
});

describe("sign-ups per IP", () => {
  it("allows the configured number of attempts an hour from one address, then asks to wait", async () => {
    const ip = nextIp();
    for (let i = 0; i < 9; i++) expect(await takeSignUpAttempt(ip, 10)).toBeUndefined();
    expect(await takeSignUpAttempt(ip, 10)).toBeUndefined();
    const wait = await takeSignUpAttempt(ip, 10);
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    // Another address is unaffected, and an hour later this one is free again.
    expect(await takeSignUpAttempt(nextIp(), 10)).toBeUndefined();
    expect(await takeSignUpAttempt(ip, 10, Date.now() + SIGN_UP_WINDOW_MS + 1000)).toBeUndefined();
  });
});

describe("consumeRateLimit", () => {
  it("counts a burst of concurrent requests as if they came one at a time", async () => {
    const key = `burst:${nextIp()}`;
    const waits = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(key, 10, 60_000)));
    expect(waits.filter((w) => w === undefined)).toHaveLength(10);
    expect(await (await db()).rateLimitEvent.count({ where: { key } })).toBe(10);
  });
});
