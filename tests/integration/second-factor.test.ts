// Staff second factors on a real database: TOTP enrollment and use (each code once), recovery
// codes (each once), and every wrong attempt counted against the account's sign-in limit.
import { DomainError } from "@/lib/errors";
import { describe, expect, it, vi } from "vitest";
import { confirmTotpEnrollment, issueRecoveryCodes, stageOf, startTotpEnrollment, verifyRecoveryCode, verifyTotp } from "@/lib/auth/second-factor";
import { db } from "@/lib/db";
import { consumeChallenge, createChallenge, findChallenge, listFactors } from "@/lib/db/second-factors";
import { MAX_FAILURES_PER_ACCOUNT, signInLockState } from "@/lib/security/rate-limit";
import { stepAt, totpCode } from "@/lib/security/totp";
import { createAccount } from "../support/accounts";
import { withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";

withTestDatabase();
withTestEnv();
vi.spyOn(console, "log").mockImplementation(() => undefined);

let counter = 0;
async function staffWithChallenge() {
  const email = `staff-${++counter}-${Date.now()}@platform.example`;
  const user = await createAccount({ email, name: "Sam Staff", passwordHash: "scrypt$x", organizationName: null });
  const challenge = async () => (await findChallenge(await createChallenge(user.id, "sign_in", "/admin")))!;
  return { user: { ...user, name: "Sam Staff", isStaff: true }, email, challenge };
}

async function withTotp() {
  const staff = await staffWithChallenge();
  const enrolling = await staff.challenge();
  expect(await stageOf(enrolling)).toBe("enroll");
  const { secret, uri } = await startTotpEnrollment(enrolling);
  expect(uri).toContain(`secret=${secret}`);
  // The secret waits in the pending step until a code from the app proves it was saved.
  const pending = (await findChallenge(enrolling.id))!;
  await confirmTotpEnrollment(pending, totpCode(secret, stepAt(Date.now()) - 1), undefined);
  return { ...staff, secret };
}

const mailsTo = async (to: string) => (await db()).mailMessage.findMany({ where: { to }, select: { subject: true } });

describe("authenticator apps", () => {
  it("are added with a code from the app, audited and mailed; the secret is stored encrypted", async () => {
    const { user, email, secret } = await withTotp();
    const factors = await listFactors(user.id);
    expect(factors.map((f) => f.kind)).toEqual(["TOTP"]);
    const row = await (await db()).secondFactor.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.totpSecretEnc).not.toContain(secret);
    expect((await mailsTo(email)).map((m) => m.subject)).toContain("An authenticator app was added to your account");
    expect(await (await db()).auditEvent.count({ where: { action: "security.totp_added", actorId: user.id } })).toBe(1);
  });

  it("prove the second factor at sign-in, and each code works once", async () => {
    const { secret, challenge } = await withTotp();
    const first = await challenge();
    expect(await stageOf(first)).toBe("verify");
    const code = totpCode(secret, stepAt(Date.now()));
    await expect(verifyTotp(first, code, undefined)).resolves.toBeUndefined();
    await expect(verifyTotp(await challenge(), code, undefined)).rejects.toBeInstanceOf(DomainError);
  });
});

describe("recovery codes", () => {
  it("each work once, whatever their case and dashes", async () => {
    const { user, challenge } = await withTotp();
    const codes = await issueRecoveryCodes(user);
    await verifyRecoveryCode(await challenge(), codes[3]!.toLowerCase().replace(/-/g, ""), undefined);
    await expect(verifyRecoveryCode(await challenge(), codes[3]!, undefined)).rejects.toMatchObject({ code: "wrong" });
    // New codes end the old ones.
    await issueRecoveryCodes(user);
    await expect(verifyRecoveryCode(await challenge(), codes[4]!, undefined)).rejects.toMatchObject({ code: "wrong" });
  });
});

describe("wrong second factors", () => {
  it("count against the account's sign-in limit: after five, even the right code is refused", async () => {
    const { email, secret, challenge } = await withTotp();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await expect(verifyTotp(await challenge(), "000000", "203.0.113.9")).rejects.toBeInstanceOf(DomainError);
    }
    expect(await signInLockState(email, undefined)).toMatchObject({ locked: true, scope: "account" });
    await expect(verifyTotp(await challenge(), totpCode(secret, stepAt(Date.now())), undefined)).rejects.toMatchObject({ code: "locked" });
    expect((await mailsTo(email)).map((m) => m.subject)).toContain("Your account was locked after failed sign-ins");
  });

  it("wear out a pending step after five, so it must start again with the password", async () => {
    const { user } = await withTotp();
    const id = await createChallenge(user.id, "sign_in");
    await (await db()).secondFactorChallenge.update({ where: { id }, data: { failures: 5 } });
    expect(await findChallenge(id)).toBeNull();
  });
});

describe("pending steps", () => {
  it("work once and expire", async () => {
    const { challenge } = await staffWithChallenge();
    const step = await challenge();
    expect(await consumeChallenge(step.id)).toBe(true);
    expect(await consumeChallenge(step.id)).toBe(false);
    expect(await findChallenge(step.id)).toBeNull();
    const late = await challenge();
    await (await db()).secondFactorChallenge.update({ where: { id: late.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findChallenge(late.id)).toBeNull();
  });
});
