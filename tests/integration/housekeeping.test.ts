// Housekeeping: what it removes and what it keeps, on both databases, and that one instance
// at a time does the work (PostgreSQL, where instances really run side by side).
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { HOUSEKEEPING_LOCK } from "@/lib/db/housekeeping";
import { consumeRunByState, createTestRun } from "@/lib/db/test-runs";
import { runHousekeeping } from "@/lib/housekeeping";
import { hashToken } from "@/lib/security/tokens";
import { testDatabaseKind, withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";
import { draftRegistration, organizationWithMember } from "./review-support";

const database = withTestDatabase();
withTestEnv({ MAIL_RETENTION_DAYS: "30", SESSION_RETENTION_DAYS: "30" });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);
let serial = 0;
const unique = (label: string) => `${label}-${++serial}-${Math.random().toString(36).slice(2)}`;

async function seed() {
  const client = await db();
  const org = await organizationWithMember();
  const userId = org.member.id;
  const registrationId = await draftRegistration(org);
  const link = (data: { usedAt?: Date; expiresAt: Date }) => ({ tokenHash: hashToken(unique("link")), ...data });
  const ids = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((r) => r.id);

  const events = await ids(
    client.rateLimitEvent.createManyAndReturn({
      data: [
        { key: unique("old"), createdAt: ago(2 * DAY) },
        { key: unique("recent"), createdAt: ago(30 * MINUTE) },
      ],
      select: { id: true },
    }),
  );
  const signUps = await ids(
    client.signUpRequest.createManyAndReturn({
      data: [
        { email: "used@example.com", ...link({ usedAt: ago(8 * DAY), expiresAt: ago(7 * DAY) }) },
        { email: "expired-long-ago@example.com", ...link({ expiresAt: ago(8 * DAY) }) },
        { email: "expired-lately@example.com", ...link({ expiresAt: ago(2 * DAY) }) },
        { email: "pending@example.com", ...link({ expiresAt: ahead(DAY) }) },
      ],
      select: { id: true },
    }),
  );
  const resets = await ids(
    client.authToken.createManyAndReturn({
      data: [
        { userId, type: "RESET_PASSWORD", ...link({ usedAt: ago(8 * DAY), expiresAt: ago(8 * DAY) }) },
        { userId, type: "RESET_PASSWORD", ...link({ expiresAt: ahead(HOUR) }) },
      ],
      select: { id: true },
    }),
  );
  const invitations = await ids(
    client.invitation.createManyAndReturn({
      data: [
        { organizationId: org.id, invitedById: userId, email: "accepted@example.com", acceptedAt: ago(8 * DAY), ...link({ expiresAt: ago(2 * DAY) }) },
        { organizationId: org.id, invitedById: userId, email: "revoked@example.com", revokedAt: ago(8 * DAY), ...link({ expiresAt: ahead(DAY) }) },
        { organizationId: org.id, invitedById: userId, email: "pending@example.com", ...link({ expiresAt: ahead(DAY) }) },
      ],
      select: { id: true },
    }),
  );
  const challenges = await ids(
    client.secondFactorChallenge.createManyAndReturn({
      data: [
        { userId, purpose: "sign_in", totpSecretEnc: "v1.enc", expiresAt: ago(2 * DAY) },
        { userId, purpose: "sign_in", expiresAt: ahead(5 * MINUTE) },
      ],
      select: { id: true },
    }),
  );
  const sessions = await ids(
    client.session.createManyAndReturn({
      data: [
        { userId, expiresAt: ago(30 * DAY), endedAt: ago(31 * DAY), endReason: "signed_out" },
        { userId, expiresAt: ago(31 * DAY) }, // never signed out: its lifetime ended long ago
        { userId, expiresAt: ahead(DAY), endedAt: ago(DAY), endReason: "signed_out" },
        { userId, expiresAt: ahead(DAY) },
      ],
      select: { id: true },
    }),
  );
  const mail = await ids(
    client.mailMessage.createManyAndReturn({
      data: [
        { to: "a@example.com", subject: "Sent long ago", text: "x", status: "SENT", createdAt: ago(31 * DAY), sentAt: ago(31 * DAY) },
        { to: "a@example.com", subject: "Given up long ago", text: "x", status: "FAILED", createdAt: ago(31 * DAY) },
        { to: "a@example.com", subject: "Sent lately", text: "x", status: "SENT", createdAt: ago(29 * DAY), sentAt: ago(29 * DAY) },
        { to: "a@example.com", subject: "Still to deliver", text: "x", status: "PENDING", createdAt: ago(31 * DAY) },
      ],
      select: { id: true },
    }),
  );

  const run = async (label: string, createdAt: Date, finished: boolean) => {
    const state = unique(label);
    const { id } = await createTestRun({
      registrationId,
      userId,
      stateHash: hashToken(state),
      codeVerifierEnc: "v1.enc.verifier",
      nonce: "nonce",
      oneTimeSecretEnc: null,
      redirectUri: "http://localhost:3000/api/test-connection/callback",
      scope: "users:read",
      steps: [{ id: "authorization_request", title: "Authorization request", status: "passed", startedAt: createdAt.toISOString(), durationMs: 3 }],
      createdAt,
    });
    if (finished) await client.testRun.update({ where: { id }, data: { status: "passed", usedAt: createdAt, completedAt: createdAt, codeVerifierEnc: null } });
    return { id, stateHash: hashToken(state) };
  };
  const runs = {
    finishedLongAgo: await run("finished-long-ago", ago(3 * HOUR), true),
    finishedLately: await run("finished-lately", ago(20 * MINUTE), true),
    abandonedLongAgo: await run("abandoned-long-ago", ago(3 * HOUR), false),
    abandonedLately: await run("abandoned-lately", ago(30 * MINUTE), false),
  };
  return { userId, events, signUps, resets, invitations, challenges, sessions, mail, runs };
}

async function remaining(s: Awaited<ReturnType<typeof seed>>) {
  const client = await db();
  const kept = async (rows: Promise<{ id: string }[]>, list: string[]) => {
    const found = new Set((await rows).map((r) => r.id));
    return list.map((id) => found.has(id));
  };
  const where = (list: string[]) => ({ where: { id: { in: list } }, select: { id: true } });
  return {
    events: await kept(client.rateLimitEvent.findMany(where(s.events)), s.events),
    signUps: await kept(client.signUpRequest.findMany(where(s.signUps)), s.signUps),
    resets: await kept(client.authToken.findMany(where(s.resets)), s.resets),
    invitations: await kept(client.invitation.findMany(where(s.invitations)), s.invitations),
    challenges: await kept(client.secondFactorChallenge.findMany(where(s.challenges)), s.challenges),
    sessions: await kept(client.session.findMany(where(s.sessions)), s.sessions),
    mail: await kept(client.mailMessage.findMany(where(s.mail)), s.mail),
  };
}

const runRow = async (id: string) =>
  (await db()).testRun.findUniqueOrThrow({
    where: { id },
    select: { status: true, stateHash: true, codeVerifierEnc: true, nonce: true, oneTimeSecretEnc: true, steps: true, usedAt: true },
  });

describe("housekeeping", () => {
  it("removes what has ended past its retention and keeps everything else", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const s = await seed();
    expect(await runHousekeeping()).not.toBeNull();

    expect(await remaining(s)).toEqual({
      events: [false, true],
      signUps: [false, false, true, true],
      resets: [false, true],
      invitations: [false, false, true],
      challenges: [false, true],
      sessions: [false, false, true, true],
      mail: [false, false, true, true],
    });
    vi.restoreAllMocks();
  });

  it("wipes the state of ended Test connection runs and keeps the runs with their steps", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { runs, userId } = await seed();
    await runHousekeeping();

    const wiped = { stateHash: null, codeVerifierEnc: null, nonce: null, oneTimeSecretEnc: null };
    expect(await runRow(runs.finishedLongAgo.id)).toMatchObject({
      status: "passed",
      ...wiped,
      steps: [expect.objectContaining({ id: "authorization_request" })],
    });
    expect(await runRow(runs.abandonedLongAgo.id)).toMatchObject({ status: "expired", ...wiped, usedAt: expect.any(Date) });
    // Within the hour, the state is kept: a reloaded callback still gets the precise answer.
    expect(await runRow(runs.finishedLately.id)).toMatchObject({ stateHash: runs.finishedLately.stateHash });
    expect(await runRow(runs.abandonedLately.id)).toMatchObject({ status: "expired", stateHash: runs.abandonedLately.stateHash, codeVerifierEnc: null });
    expect((await consumeRunByState(runs.finishedLately.stateHash, userId)).outcome).toBe("replayed");
    expect((await consumeRunByState(runs.abandonedLately.stateHash, userId)).outcome).toBe("replayed");
    // A wiped run's state is unknown, like any state this portal never issued.
    expect((await consumeRunByState(runs.finishedLongAgo.stateHash, userId)).outcome).toBe("not_found");
    expect((await consumeRunByState(runs.abandonedLongAgo.stateHash, userId)).outcome).toBe("not_found");
    vi.restoreAllMocks();
  });

  it.skipIf(testDatabaseKind === "embedded")("skips its run while another instance holds the lock, and concurrent runs do the work once", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const client = await db();
    const oldEvents = () => client.rateLimitEvent.count({ where: { createdAt: { lt: ago(DAY) } } });
    const seedEvents = () => client.rateLimitEvent.createMany({ data: Array.from({ length: 50 }, () => ({ key: unique("burst"), createdAt: ago(2 * DAY) })) });

    // Another instance's run: its transaction holds the lock on a connection of its own.
    await seedEvents();
    const other = database.current.sql;
    await other.exec("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock($1, $2)", [HOUSEKEEPING_LOCK.namespace, HOUSEKEEPING_LOCK.key]);
    try {
      expect(await runHousekeeping()).toBeNull();
      expect(await oldEvents()).toBe(50);
    } finally {
      await other.exec("COMMIT");
    }

    const results = await Promise.all([runHousekeeping(), runHousekeeping(), runHousekeeping()]);
    const workers = results.filter((r) => r && r.rateLimitEvents > 0);
    expect(workers).toEqual([expect.objectContaining({ rateLimitEvents: 50 })]);
    expect(await oldEvents()).toBe(0);
    vi.restoreAllMocks();
  });
});
