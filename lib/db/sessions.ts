import "server-only";
import type { MemberRole, Prisma } from "@/lib/generated/prisma/client";
import { database, db } from "./index";
import { isUuid } from "./ids";
import { sessionUserSelect } from "./users";

// Session rows (see the Session model). The guards read one per request; only sign-in creates
// them, and every way of ending one goes through endSession or endUserSessions.

type Client = Pick<Prisma.TransactionClient, "session">;

export async function createSession(userId: string, expiresAt: Date, secondFactor: string | null = null): Promise<string> {
  const row = await (await db()).session.create({ data: { userId, expiresAt, secondFactor }, select: { id: true } });
  return row.id;
}

/** The session and its user, or null for an unknown id (ended sessions included). */
export async function findSession(id: string): Promise<SessionWithUser | null> {
  if (!isUuid(id)) return null;
  // Every signed-in request reads this, so it skips Prisma's client (Database.statement).
  const [row] = await (await database()).statement<SessionRow>(SESSION_SQL, [id]);
  if (!row) return null;
  const { userId, email, name, isStaff, emailVerified, role, organizationId, organizationName, ...session } = row;
  const membership = role && organizationId && organizationName !== null ? { role, organization: { id: organizationId, name: organizationName } } : null;
  return { ...session, user: { id: userId, email, name, isStaff, emailVerified, membership } };
}

export type SessionWithUser = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  secondFactor: string | null;
  user: Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;
};

/** SESSION_SQL's row: the session's columns, its user's flattened, the membership's or nulls. */
type SessionRow = Omit<SessionWithUser, "user"> &
  Omit<SessionWithUser["user"], "id" | "membership"> & {
    userId: string;
    role: MemberRole | null;
    organizationId: string | null;
    organizationName: string | null;
  };

// Prisma keeps DateTime as UTC wall time in timestamp(3) columns; read as timestamptz, they
// come back as the right instant whatever the server's time zone.
const SESSION_SQL = `
  SELECT s."id", s."createdAt" AT TIME ZONE 'UTC' AS "createdAt", s."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt",
    s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", s."endedAt" AT TIME ZONE 'UTC' AS "endedAt", s."secondFactor",
    u."id" AS "userId", u."email", u."name", u."isStaff", u."emailVerified" AT TIME ZONE 'UTC' AS "emailVerified",
    m."role", o."id" AS "organizationId", o."name" AS "organizationName"
  FROM "Session" s
  JOIN "User" u ON u."id" = s."userId"
  LEFT JOIN "Membership" m ON m."userId" = u."id"
  LEFT JOIN "Organization" o ON o."id" = m."organizationId"
  WHERE s."id" = $1::uuid`;

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
