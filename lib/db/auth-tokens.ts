import "server-only";
import type { AuthTokenType, Prisma } from "@/lib/generated/prisma/client";
import { hashToken, newToken } from "@/lib/security/tokens";
import { db } from "./index";

export const TOKEN_LIFETIME_MS: Record<AuthTokenType, number> = {
  RESET_PASSWORD: 60 * 60 * 1000,
};

/** Issues a new link token; earlier unused tokens of the same type stop working. */
export async function issueAuthToken(userId: string, type: AuthTokenType): Promise<string> {
  const { token, hash } = newToken();
  const client = await db();
  await client.$transaction([
    client.authToken.updateMany({ where: { userId, type, usedAt: null }, data: { usedAt: new Date() } }),
    client.authToken.create({
      data: { userId, type, tokenHash: hash, expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[type]) },
    }),
  ]);
  return token;
}

export type TokenCheck = { status: "valid"; userId: string } | { status: "expired" | "used" | "invalid" };

export async function checkAuthToken(token: string, type: AuthTokenType): Promise<TokenCheck> {
  const row = await (
    await db()
  ).authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { userId: true, type: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.type !== type) return { status: "invalid" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", userId: row.userId };
}

/** Marks the token used; exactly one caller wins even when two requests race. */
export async function consumeAuthToken(token: string, type: AuthTokenType): Promise<TokenCheck> {
  const check = await checkAuthToken(token, type);
  if (check.status !== "valid") return check;
  const { count } = await (
    await db()
  ).authToken.updateMany({
    where: { tokenHash: hashToken(token), type, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? check : { status: "used" };
}

/** When the newest token of this type was issued, for resend cool-downs. */
export async function lastIssuedAt(userId: string, type: AuthTokenType): Promise<Date | undefined> {
  const row = await (
    await db()
  ).authToken.findFirst({
    where: { userId, type },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return row?.createdAt;
}

/** Housekeeping: tokens used or expired before `before`. */
export async function pruneAuthTokens(before: Date, client: Pick<Prisma.TransactionClient, "authToken">): Promise<number> {
  const { count } = await client.authToken.deleteMany({ where: { OR: [{ usedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
