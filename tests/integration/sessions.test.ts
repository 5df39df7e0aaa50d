// Sessions are rows: the cookie names one, and ending the row ends the session wherever its
// cookie has been copied to (pen-test finding: sign-out only cleared the cookie).
import { describe, expect, it } from "vitest";
import { TOUCH_INTERVAL_MS, activeSessionUser, startSession } from "@/lib/auth/session";
import { randomUUID } from "node:crypto";
import { database, db } from "@/lib/db";
import { endSession, endUserSessions, findSession } from "@/lib/db/sessions";
import { sessionUserSelect } from "@/lib/db/users";
import { createAccount } from "../support/accounts";
import { testDatabaseKind, withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";

withTestDatabase();
withTestEnv({ ADMIN_EMAILS: "listed-staff@platform.test,mfa-staff@platform.test", APP_ENV: "" });

const MINUTE = 60_000;
let counter = 0;
const nextEmail = (prefix: string) => `${prefix}-${++counter}@example.com`;

const partner = () => createAccount({ email: nextEmail("partner"), name: "Pat", passwordHash: "scrypt$p", organizationName: `Org ${counter}` });
const staff = (email = "listed-staff@platform.test") => createAccount({ email, name: "Ada", passwordHash: "scrypt$s", organizationName: null });

/** Staff sessions here passed a second factor, as every staff session must. */
async function sessionFor(user: { id: string }, isStaff = false, at = new Date()) {
  return startSession({ id: user.id, isStaff }, isStaff ? "passkey" : null, at);
}

async function seenAt(sessionId: string, lastSeenAt: Date) {
  await (await db()).session.update({ where: { id: sessionId }, data: { lastSeenAt } });
}

describe("reading a session", () => {
  // findSession skips Prisma's client (Database.statement); it must read exactly what Prisma
  // reads, and the right instants when the server's clock is not on UTC.
  const viaPrisma = async (id: string) =>
    (await db()).session.findUnique({
      where: { id },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, endedAt: true, secondFactor: true, user: { select: sessionUserSelect } },
    });

  it.each(["UTC", "America/Los_Angeles", "Asia/Kolkata"])("reads what Prisma reads, with the server's time zone %s", async (zone) => {
    const previous = process.env.TZ;
    process.env.TZ = zone;
    try {
      const member = await partner();
      const admin = await staff(nextEmail("reader-staff"));
      const memberSession = await sessionFor(member);
      const staffSession = await sessionFor(admin, true);
      // Instants around daylight-saving changes, with milliseconds.
      await (
        await db()
      ).session.update({
        where: { id: memberSession },
        data: { createdAt: new Date("2026-03-29T01:30:00.123Z"), lastSeenAt: new Date("2026-10-25T00:59:59.999Z") },
      });
      await endSession(staffSession, "signed_out");
      for (const id of [memberSession, staffSession]) {
        const read = await findSession(id);
        expect(read).toEqual(await viaPrisma(id));
        expect(read?.user.emailVerified).toBeInstanceOf(Date);
      }
      expect((await findSession(memberSession))?.createdAt.toISOString()).toBe("2026-03-29T01:30:00.123Z");
      expect((await findSession(memberSession))?.user.membership).toEqual({
        role: "OWNER",
        organization: { id: expect.any(String), name: expect.stringMatching(/^Org /) },
      });
      expect((await findSession(staffSession))?.user.membership).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  // Every signed-in request runs it, so PostgreSQL must not parse and plan it every time: with
  // an unnamed statement that was 60% of the database's CPU per autosave (BENCHMARKS.md).
  it.runIf(testDatabaseKind === "postgresql")("is a statement PostgreSQL prepared once, on the connection that ran it", async () => {
    const id = await sessionFor(await partner());
    const store = await database();
    expect(await findSession(id)).not.toBeNull();
    expect(await findSession(randomUUID())).toBeNull();
    // pg's pool hands out the connection released last, so this runs where findSession ran.
    const prepared = await store.statement<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements", []);
    const session = prepared.filter((row) => row.statement.includes('FROM "Session" s'));
    expect(session).toHaveLength(1);
    expect(session[0]!.name).toMatch(/^portal_[0-9a-f]{24}$/);
  });

  it("finds nothing for an unknown or malformed id", async () => {
    expect(await findSession("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await findSession("not-a-uuid")).toBeNull();
  });
});

describe("a session", () => {
  it("names its user until it is signed out, then never again", async () => {
    const user = await partner();
    const sid = await sessionFor(user);
    expect(await activeSessionUser(sid)).toMatchObject({ id: user.id, sessionId: sid, membership: { role: "OWNER" } });
    await endSession(sid, "signed_out");
    expect(await activeSessionUser(sid)).toBeNull();
    expect(await findSession(sid)).toMatchObject({ endedAt: expect.any(Date) });
  });

  it("ends after 24 hours without a request for partners", async () => {
    const user = await partner();
    const sid = await sessionFor(user);
    const now = Date.now();
    await seenAt(sid, new Date(now - 23 * 60 * MINUTE));
    expect(await activeSessionUser(sid, new Date(now))).not.toBeNull();
    await seenAt(sid, new Date(now - 24 * 60 * MINUTE - 1000));
    expect(await activeSessionUser(sid, new Date(now))).toBeNull();
    expect((await (await db()).session.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("idle");
  });

  it("ends after 30 minutes without a request for platform admins", async () => {
    const admin = await staff();
    const sid = await sessionFor(admin, true);
    const now = Date.now();
    await seenAt(sid, new Date(now - 29 * MINUTE));
    expect(await activeSessionUser(sid, new Date(now))).not.toBeNull();
    await seenAt(sid, new Date(now - 31 * MINUTE));
    expect(await activeSessionUser(sid, new Date(now))).toBeNull();
  });

  it("ends at its absolute lifetime however active it is", async () => {
    const user = await partner();
    const signedInAt = new Date(Date.now() - 7 * 24 * 60 * MINUTE - 1000);
    const sid = await sessionFor(user, false, signedInAt);
    await seenAt(sid, new Date());
    expect(await activeSessionUser(sid)).toBeNull();
    expect((await (await db()).session.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("expired");
  });

  it("records activity at most once a minute", async () => {
    const user = await partner();
    const sid = await sessionFor(user);
    const start = Date.now();
    await seenAt(sid, new Date(start - 2 * TOUCH_INTERVAL_MS));
    await activeSessionUser(sid, new Date(start));
    const first = (await findSession(sid))!.lastSeenAt.getTime();
    expect(first).toBe(start);
    await activeSessionUser(sid, new Date(start + TOUCH_INTERVAL_MS / 2));
    expect((await findSession(sid))!.lastSeenAt.getTime()).toBe(first);
    await activeSessionUser(sid, new Date(start + TOUCH_INTERVAL_MS + 1));
    expect((await findSession(sid))!.lastSeenAt.getTime()).toBe(start + TOUCH_INTERVAL_MS + 1);
  });

  it("can be ended everywhere at once, keeping the caller's own when asked", async () => {
    const user = await partner();
    const [a, b, mine] = [await sessionFor(user), await sessionFor(user), await sessionFor(user)];
    expect(await endUserSessions(user.id, "signed_out_everywhere", { keep: mine })).toBe(2);
    expect(await activeSessionUser(a)).toBeNull();
    expect(await activeSessionUser(b)).toBeNull();
    expect(await activeSessionUser(mine)).not.toBeNull();
  });

  it("is refused for an address that was never verified (accounts from before confirmed sign-ups)", async () => {
    const legacy = await (await db()).user.create({ data: { email: nextEmail("legacy"), name: "L", passwordHash: null }, select: { id: true } });
    expect(await activeSessionUser(await sessionFor(legacy))).toBeNull();
  });

  it("ignores ids that are not UUIDs", async () => {
    expect(await activeSessionUser("' OR 1=1 --")).toBeNull();
  });
});

describe("staff sessions", () => {
  it("are refused without a second factor, whatever created them", async () => {
    const admin = await staff("mfa-staff@platform.test");
    const sid = await startSession({ id: admin.id, isStaff: true }, null);
    expect(await activeSessionUser(sid)).toBeNull();
    expect((await (await db()).session.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("second_factor_missing");
    expect(await activeSessionUser(await startSession({ id: admin.id, isStaff: true }, "totp"))).toMatchObject({ isStaff: true });
  });
});

describe("staff taken off ADMIN_EMAILS", () => {
  it("lose admin rights and every session at their next request, audited", async () => {
    const gone = await staff(nextEmail("former-staff"));
    const [sid, other] = [await sessionFor(gone, true), await sessionFor(gone, true)];
    expect(await activeSessionUser(sid)).toBeNull();
    expect(await activeSessionUser(other)).toBeNull();
    const client = await db();
    expect((await client.user.findUniqueOrThrow({ where: { id: gone.id } })).isStaff).toBe(false);
    expect(await client.session.count({ where: { userId: gone.id, endedAt: null } })).toBe(0);
    expect(await client.auditEvent.count({ where: { action: "security.staff_rights_removed", summary: { contains: gone.email } } })).toBe(1);
  });

  it("keep them while listed", async () => {
    const listed = await (await db()).user.findFirst({ where: { email: "listed-staff@platform.test" }, select: { id: true } });
    const sid = await sessionFor(listed ?? (await staff()), true);
    expect(await activeSessionUser(sid)).toMatchObject({ isStaff: true });
  });
});
