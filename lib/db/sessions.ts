import "server-only";
import { Prisma, type MemberRole } from "@/lib/generated/prisma/client";
import { db } from "./index";
import { isUuid } from "./ids";
import { sessionUserSelect } from "./users";

// Session rows (see the Session model). The guards read one per request; only sign-in creates
// them, and every way of ending one goes through endSession or endUserSessions.

type Client = Pick<Prisma.TransactionClient, "session">;

export async function createSession(userId: string, expiresAt: Date, secondFactor: string | null = null): Promise<string> {
  const row = await (await db()).session.create({ data: { userId, expiresAt, secondFactor }, select: { id: true } });
  return row.id;
}

type SessionWithUser = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  secondFactor: string | null;
  user: Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;
};

type SessionRow = {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  endedAt: number | null;
  secondFactor: string | null;
  userId: string;
  email: string;
  name: string;
  isStaff: boolean;
  emailVerified: number | null;
  role: MemberRole | null;
  organizationId: string | null;
  organizationName: string | null;
};

// Timestamps as epoch milliseconds: the columns hold UTC wall time (timestamp(3)), which
// extract(epoch) reads as UTC, so no driver's time-zone handling is involved.
const ms = (column: string) => Prisma.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const date = (n: number | null) => (n === null ? null : new Date(Number(n)));

/**
 * The session and its user (with sessionUserSelect's shape), or null for an unknown id (ended
 * sessions included). Every request of a signed-in user reads it, so it is one joined
 * statement; Prisma's nested select took four round trips (session, user, membership, organization).
 */
export async function findSession(id: string): Promise<SessionWithUser | null> {
  if (!isUuid(id)) return null;
  const [row] = await (
    await db()
  ).$queryRaw<SessionRow[]>`
    SELECT s."id", ${ms('s."createdAt"')} AS "createdAt", ${ms('s."lastSeenAt"')} AS "lastSeenAt", ${ms('s."expiresAt"')} AS "expiresAt",
      ${ms('s."endedAt"')} AS "endedAt", s."secondFactor", u."id" AS "userId", u."email", u."name", u."isStaff",
      ${ms('u."emailVerified"')} AS "emailVerified", m."role"::text AS "role", o."id" AS "organizationId", o."name" AS "organizationName"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Organization" o ON o."id" = m."organizationId"
    WHERE s."id" = ${id}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    createdAt: date(row.createdAt)!,
    lastSeenAt: date(row.lastSeenAt)!,
    expiresAt: date(row.expiresAt)!,
    endedAt: date(row.endedAt),
    secondFactor: row.secondFactor,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      isStaff: row.isStaff,
      emailVerified: date(row.emailVerified),
      membership: row.role && row.organizationId ? { role: row.role, organization: { id: row.organizationId, name: row.organizationName! } } : null,
    },
  };
}

/** Records activity, at most once per `interval`: a no-op when the row was touched more recently. */
export async function touchSession(id: string, now: Date, intervalMs: number) {
  await (
    await db()
  ).session.updateMany({
    where: { id, endedAt: null, lastSeenAt: { lt: new Date(now.getTime() - intervalMs) } },
    data: { lastSeenAt: now },
  });
}

export async function endSession(id: string, reason: string) {
  if (!isUuid(id)) return;
  await (await db()).session.updateMany({ where: { id, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
}

/** Ends every open session of the user (but `keep`, the caller's own, when given); returns how many. */
export async function endUserSessions(userId: string, reason: string, options: { keep?: string; tx?: Client } = {}) {
  const client = options.tx ?? (await db());
  const { count } = await client.session.updateMany({
    where: { userId, endedAt: null, ...(options.keep ? { id: { not: options.keep } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}

/** Open sessions of a user, newest activity first, for the account page. */
export async function listOpenSessions(userId: string, now: Date) {
  return (await db()).session.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true },
  });
}

/** Housekeeping: sessions that ended, or reached their absolute lifetime, before `before`. */
export async function pruneSessions(before: Date, client: Client): Promise<number> {
  const { count } = await client.session.deleteMany({ where: { OR: [{ endedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
