// Pen-test finding: ten wrong passwords and the right one, sent at the same moment, ended
// signed in, because the lock check, the password check and the recording of the failure
// were separate steps. PGlite runs one query at a time and would hide that race, so what
// matters is this file's run in the PostgreSQL pass of `npm test`.
import { describe, expect, it } from "vitest";
import { checkPasswordSignIn, type PasswordSignIn } from "@/lib/auth/password-sign-in";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/security/password";
import { MAX_FAILURES_PER_ACCOUNT, clearSignInFailures } from "@/lib/security/rate-limit";
import { withTestDatabase } from "../support/db";

withTestDatabase();

const PASSWORD = "the-right-password";
let counter = 0;

async function verifiedUser() {
  const email = `burst-${++counter}-${Date.now()}@example.com`;
  await (
    await db()
  ).user.create({
    data: { email, name: "Bea Burst", passwordHash: await hashPassword(PASSWORD), emailVerified: new Date() },
    select: { id: true },
  });
  return email;
}

const failuresRecorded = async (email: string) => (await db()).rateLimitEvent.count({ where: { key: `acct:${email}` } });
const tally = (results: PasswordSignIn[]) => results.reduce<Record<string, number>>((out, r) => ({ ...out, [r.outcome]: (out[r.outcome] ?? 0) + 1 }), {});

describe("a burst of concurrent sign-in attempts", () => {
  it("records at most 5 failures for 20 concurrent wrong passwords, then refuses the right one", async () => {
    const email = await verifiedUser();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => checkPasswordSignIn(email, `wrong-password-${i}`, `203.0.113.${counter}`)));
    expect(await failuresRecorded(email)).toBe(MAX_FAILURES_PER_ACCOUNT);
    // At most four are told "do not match"; every other one is told about the lock-out.
    const outcomes = tally(results);
    expect(Object.keys(outcomes).filter((k) => k !== "invalid_credentials" && k !== "locked")).toEqual([]);
    expect(outcomes.invalid_credentials ?? 0).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT - 1);
    expect(await checkPasswordSignIn(email, PASSWORD, "198.51.100.7")).toMatchObject({ outcome: "locked", scope: "account" });
  });

  it("does not let the right password in when it is sent in the same moment as twenty wrong ones", async () => {
    const email = await verifiedUser();
    // Sent last, so the limit is reached before it is looked at: it must find the lock.
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => checkPasswordSignIn(email, `wrong-${i}`, undefined)),
      checkPasswordSignIn(email, PASSWORD, undefined),
    ]);
    expect(results.at(-1)).toMatchObject({ outcome: "locked", scope: "account" });
    expect(results.filter((r) => r.outcome === "ok")).toEqual([]);
    expect(await failuresRecorded(email)).toBe(MAX_FAILURES_PER_ACCOUNT);
  });

  it("still lets the right password in when the account is under its limit", async () => {
    const email = await verifiedUser();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await checkPasswordSignIn(email, `earlier-${i}`, undefined);
    expect(await checkPasswordSignIn(email, PASSWORD, undefined)).toMatchObject({ outcome: "ok", user: { email } });
    // The right password's own attempt is given back; the earlier failures stay until a
    // session is granted (for staff, after the second factor).
    expect(await failuresRecorded(email)).toBe(MAX_FAILURES_PER_ACCOUNT - 1);
    await clearSignInFailures(email);
    expect(await failuresRecorded(email)).toBe(0);
  });
});
