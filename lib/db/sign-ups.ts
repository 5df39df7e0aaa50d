import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashToken, newToken } from "@/lib/security/tokens";
import { db } from "./index";
import { DomainError } from "@/lib/errors";
import { createAccountIn, normalizeEmail } from "./users";

// Sign-up in two steps: a request holds nothing but the address; the account (with its
// organization and password) is created only by whoever follows the e-mailed link.

const SIGN_UP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A link that cannot complete a sign-up; its code (expired, used or invalid) picks the message. */
const linkRefused = (code: "expired" | "used" | "invalid") => new DomainError("invalid", `sign-up link ${code}`, { code });

/** A new request for the address; earlier pending ones stop working. Returns the link's token. */
export async function createSignUpRequest(rawEmail: string): Promise<string> {
  const email = normalizeEmail(rawEmail);
  const { token, hash } = newToken();
  const client = await db();
  await client.$transaction([
    client.signUpRequest.updateMany({ where: { email, usedAt: null }, data: { usedAt: new Date() } }),
    client.signUpRequest.create({ data: { email, tokenHash: hash, expiresAt: new Date(Date.now() + SIGN_UP_LINK_LIFETIME_MS) } }),
  ]);
  return token;
}

export type SignUpLookup = { status: "valid"; email: string } | { status: "expired" | "used" | "invalid" };

/** Looks a link up without using it (mail scanners open links too). */
export async function findSignUpRequest(token: string): Promise<SignUpLookup> {
  const row = await (
    await db()
  ).signUpRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, usedAt: true, expiresAt: true },
  });
  if (!row) return { status: "invalid" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", email: row.email };
}

/**
 * Uses the link and creates the verified account with what its follower chose, all or
 * nothing. `organizationName` null makes a staff account (the caller checks ADMIN_EMAILS).
 * Throws a DomainError coded expired, used or invalid when the link no longer works, email_taken when the address got
 * an account meanwhile.
 */
export async function completeSignUp(token: string, input: { name: string; passwordHash: string; organizationName: (email: string) => string | null }) {
  const tokenHash = hashToken(token);
  return (await db()).$transaction(async (tx: Prisma.TransactionClient) => {
    const claimed = await tx.signUpRequest.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) {
      const row = await tx.signUpRequest.findUnique({ where: { tokenHash }, select: { usedAt: true } });
      throw linkRefused(!row ? "invalid" : row.usedAt ? "used" : "expired");
    }
    const { email } = await tx.signUpRequest.findUniqueOrThrow({ where: { tokenHash }, select: { email: true } });
    return createAccountIn(tx, { email, name: input.name, passwordHash: input.passwordHash, organizationName: input.organizationName(email) });
  });
}

/** Housekeeping: requests used, replaced or expired before `before`. */
export async function pruneSignUpRequests(before: Date, client: Pick<Prisma.TransactionClient, "signUpRequest">): Promise<number> {
  const { count } = await client.signUpRequest.deleteMany({ where: { OR: [{ usedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
