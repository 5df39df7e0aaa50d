import "server-only";
import type { Prisma, SecondFactorKind } from "@/lib/generated/prisma/client";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { recoveryCodeHash } from "@/lib/security/recovery-codes";
import { db } from "./index";
import { isUuid } from "./ids";

// Staff second factors, recovery codes and pending second-factor steps (see the models).
// TOTP secrets are stored encrypted; recovery codes as hashes; passkeys as public keys.

export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
/** Wrong codes allowed in one pending step before it is thrown away. */
const MAX_CHALLENGE_FAILURES = 5;

export async function listFactors(userId: string) {
  return (await db()).secondFactor.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, label: true, createdAt: true, lastUsedAt: true },
  });
}

export async function countFactors(userId: string) {
  return (await db()).secondFactor.count({ where: { userId } });
}

export async function passkeysOf(userId: string) {
  const rows = await (
    await db()
  ).secondFactor.findMany({
    where: { userId, kind: "PASSKEY" },
    select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true },
  });
  return rows.flatMap((r) => (r.credentialId && r.publicKey ? [{ ...r, credentialId: r.credentialId, publicKey: new Uint8Array(r.publicKey) }] : []));
}

export async function totpFactorsOf(userId: string) {
  const rows = await (await db()).secondFactor.findMany({ where: { userId, kind: "TOTP" }, select: { id: true, totpSecretEnc: true, totpLastStep: true } });
  return rows.flatMap((r) => (r.totpSecretEnc ? [{ id: r.id, secret: decryptSecret(r.totpSecretEnc), lastStep: r.totpLastStep }] : []));
}

export async function addPasskey(
  userId: string,
  passkey: { credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; label: string },
) {
  await (
    await db()
  ).secondFactor.create({
    data: {
      userId,
      kind: "PASSKEY",
      label: passkey.label,
      credentialId: passkey.credentialId,
      publicKey: Buffer.from(passkey.publicKey),
      counter: passkey.counter,
      transports: passkey.transports,
    },
    select: { id: true },
  });
}

export async function addTotp(userId: string, secret: string, step: number, label: string) {
  await (
    await db()
  ).secondFactor.create({
    data: { userId, kind: "TOTP", label, totpSecretEnc: encryptSecret(secret), totpLastStep: step },
    select: { id: true },
  });
}

/** Records a use: the passkey's new counter, or the TOTP step (compare-and-set, so a code works once). */
export async function markFactorUsed(id: string, update: { counter?: number; totpStep?: number }): Promise<boolean> {
  const client = await db();
  if (update.totpStep !== undefined) {
    const { count } = await client.secondFactor.updateMany({
      where: { id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: update.totpStep } }] },
      data: { totpLastStep: update.totpStep, lastUsedAt: new Date() },
    });
    return count === 1;
  }
  await client.secondFactor.update({ where: { id }, data: { counter: update.counter, lastUsedAt: new Date() }, select: { id: true } });
  return true;
}

/** Removes a factor of the user, never the last one. Returns false when nothing was removed. */
export async function removeFactor(userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await db()).$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
    if ((await tx.secondFactor.count({ where: { userId } })) <= 1) return false;
    const { count } = await tx.secondFactor.deleteMany({ where: { id, userId } });
    return count === 1;
  });
}

/** Replaces the user's recovery codes with new ones (stored hashed). */
export async function replaceRecoveryCodes(userId: string, codes: string[]) {
  const client = await db();
  await client.$transaction([
    client.recoveryCode.deleteMany({ where: { userId } }),
    client.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })) }),
  ]);
}

/** Uses a recovery code once; true when it was one of the user's unused codes. */
export async function useRecoveryCode(userId: string, code: string): Promise<boolean> {
  const { count } = await (
    await db()
  ).recoveryCode.updateMany({ where: { userId, codeHash: recoveryCodeHash(code), usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

export async function unusedRecoveryCodes(userId: string) {
  return (await db()).recoveryCode.count({ where: { userId, usedAt: null } });
}

// Pending steps.

export type ChallengePurpose = "sign_in" | "add";

export async function createChallenge(userId: string, purpose: ChallengePurpose, callbackUrl = "/") {
  const row = await (
    await db()
  ).secondFactorChallenge.create({
    data: { userId, purpose, callbackUrl, expiresAt: new Date(Date.now() + CHALLENGE_LIFETIME_MS) },
    select: { id: true },
  });
  return row.id;
}

/** An open pending step: not used, not expired, not worn out by wrong codes. */
export async function findChallenge(id: string) {
  if (!isUuid(id)) return null;
  const row = await (
    await db()
  ).secondFactorChallenge.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      purpose: true,
      callbackUrl: true,
      challenge: true,
      totpSecretEnc: true,
      enrolledAt: true,
      enrolledWith: true,
      failures: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, name: true, email: true, isStaff: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.failures >= MAX_CHALLENGE_FAILURES) return null;
  return { ...row, purpose: row.purpose as ChallengePurpose, totpSecret: row.totpSecretEnc ? decryptSecret(row.totpSecretEnc) : null };
}

export async function setChallengeState(id: string, data: { challenge?: string | null; totpSecret?: string | null; enrolledWith?: "passkey" | "totp" }) {
  await (
    await db()
  ).secondFactorChallenge.update({
    where: { id },
    data: {
      ...(data.challenge !== undefined ? { challenge: data.challenge } : {}),
      ...(data.totpSecret !== undefined ? { totpSecretEnc: data.totpSecret === null ? null : encryptSecret(data.totpSecret) } : {}),
      ...(data.enrolledWith ? { enrolledAt: new Date(), enrolledWith: data.enrolledWith } : {}),
    },
    select: { id: true },
  });
}

export async function recordChallengeFailure(id: string) {
  await (await db()).secondFactorChallenge.update({ where: { id }, data: { failures: { increment: 1 } }, select: { id: true } });
}

/** Uses the step up; exactly one caller wins. */
export async function consumeChallenge(id: string): Promise<boolean> {
  const { count } = await (
    await db()
  ).secondFactorChallenge.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

export type { SecondFactorKind };

/** Housekeeping: pending steps used or expired before `before` (with any TOTP secret being set up). */
export async function pruneChallenges(before: Date, client: Pick<Prisma.TransactionClient, "secondFactorChallenge">): Promise<number> {
  const { count } = await client.secondFactorChallenge.deleteMany({ where: { OR: [{ usedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
