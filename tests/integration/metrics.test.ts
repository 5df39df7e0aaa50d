import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { latestSignUps, onboardingMetrics } from "@/lib/db/metrics";
import type { RevisionStatus, TestRunStatus } from "@/lib/generated/prisma/client";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";

// The onboarding metrics on a scene whose numbers are worked out by hand below: one
// organization stopped at each step of the funnel, one that went all the way by a policy
// approval, one by a person after a change request, and one that signed up before the period.

withTestDatabase();

const H = 3_600_000;
const DAY = 24 * H;
const NOW = new Date(Date.UTC(2026, 5, 30, 12, 0, 0));
let memberId: string;
let adminId: string;

type Rev = { status: RevisionStatus; submittedH?: number; decidedH?: number; byPolicy?: boolean };
type Run = { status: TestRunStatus; completedH?: number };

/** An organization that signed up `daysAgo` before NOW; every later time is in hours after its sign-up. */
async function organization(name: string, daysAgo: number) {
  const signedUp = NOW.getTime() - daysAgo * DAY;
  const { id } = await (await db()).organization.create({ data: { name, createdAt: new Date(signedUp) }, select: { id: true } });
  return { id, at: (hours: number) => new Date(signedUp + hours * H) };
}

async function registration(org: Awaited<ReturnType<typeof organization>>, draftH: number, revisions: Rev[], runs: Run[] = []) {
  const client = await db();
  const { id } = await client.registration.create({
    data: { organizationId: org.id, environment: "STAGING", createdById: memberId, createdAt: org.at(draftH) },
    select: { id: true },
  });
  for (const [i, r] of revisions.entries()) {
    await client.revision.create({
      data: {
        registrationId: id,
        number: i + 1,
        status: r.status,
        data: valid(),
        createdById: memberId,
        submittedAt: r.submittedH === undefined ? null : org.at(r.submittedH),
        claimedById: r.decidedH !== undefined && !r.byPolicy ? adminId : r.status === "IN_REVIEW" ? adminId : null,
        decidedById: r.decidedH !== undefined && !r.byPolicy ? adminId : null,
        decidedAt: r.decidedH === undefined ? null : org.at(r.decidedH),
      },
    });
  }
  for (const run of runs) {
    await client.testRun.create({
      data: {
        registrationId: id,
        userId: memberId,
        redirectUri: "http://127.0.0.1/callback",
        scope: "openid",
        status: run.status,
        expiresAt: NOW,
        completedAt: run.completedH === undefined ? null : org.at(run.completedH),
      },
    });
  }
}

beforeAll(async () => {
  const client = await db();
  const home = await client.organization.create({ data: { name: "Seed home", createdAt: new Date(NOW.getTime() - 400 * DAY) }, select: { id: true } });
  memberId = (
    await client.user.create({
      data: { email: "member@metrics.example", name: "Member", membership: { create: { organizationId: home.id, role: "OWNER" } } },
      select: { id: true },
    })
  ).id;
  adminId = (await client.user.create({ data: { email: "admin@metrics.example", name: "Admin", isStaff: true }, select: { id: true } })).id;

  // In the 30-day period:
  await organization("Stopped at sign-up", 10);
  const draft = await organization("Stopped at draft", 20);
  await registration(draft, 1, [{ status: "DRAFT" }]);
  const submitted = await organization("Stopped at submission", 15);
  await registration(submitted, 2, [{ status: "SUBMITTED", submittedH: 4 }]); // still waiting: 15 days - 4 h = 356 h
  const approved = await organization("Stopped at approval", 12);
  await registration(approved, 1, [{ status: "APPROVED", submittedH: 3, decidedH: 27 }], [{ status: "failed", completedH: 28 }, { status: "pending" }]);
  await registration(approved, 5, [{ status: "DRAFT" }]); // a later draft changes nothing
  const policy = await organization("Passed after a policy approval", 25);
  await registration(
    policy,
    0.5,
    [{ status: "APPROVED", submittedH: 1, decidedH: 2, byPolicy: true }],
    [
      { status: "failed", completedH: 2.5 },
      { status: "passed", completedH: 3 },
      { status: "passed", completedH: 50 },
    ],
  );
  const human = await organization("Passed after changes", 5);
  await registration(
    human,
    3,
    [
      { status: "CHANGES_REQUESTED", submittedH: 6, decidedH: 10 },
      { status: "APPROVED", submittedH: 20, decidedH: 30 },
    ],
    [{ status: "passed", completedH: 40 }],
  );
  // Signed up 40 days ago: outside the cohort. Its approval (33 days ago) is outside the
  // period's decisions; its second revision has been in review for 3 days.
  const older = await organization("Signed up earlier", 40);
  await registration(
    older,
    1,
    [
      { status: "APPROVED", submittedH: 2, decidedH: 7 * 24 },
      { status: "IN_REVIEW", submittedH: 37 * 24 },
    ],
    [{ status: "passed", completedH: 8 * 24 }],
  );
});

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 1000) / 1000);

describe("onboardingMetrics", () => {
  it("counts each step of the 30-day cohort with the median and p90 time since sign-up", async () => {
    const m = await onboardingMetrics(30, NOW);
    expect(m.since).toEqual(new Date(NOW.getTime() - 30 * DAY));
    expect(m.funnel.map((s) => [s.id, s.reached, hours(s.medianSeconds), hours(s.p90Seconds)])).toEqual([
      ["signed_up", 6, 0, 0],
      // 0.5, 1, 1, 2, 3 h: median 1; p90 at rank 3.6 = 2 + 0.6 × (3 - 2)
      ["first_draft", 5, 1, 2.6],
      // 1, 3, 4, 6 h: median (3 + 4) / 2; p90 at rank 2.7 = 4 + 0.7 × (6 - 4)
      ["first_submission", 4, 3.5, 5.4],
      // 2, 27, 30 h: median 27; p90 at rank 1.8 = 27 + 0.8 × 3
      ["first_approval", 3, 27, 29.4],
      // 3 and 40 h (a failed run and a later pass do not count): median 21.5; p90 = 3 + 0.9 × 37
      ["first_passing_test", 2, 21.5, 36.3],
    ]);
  });

  it("reports the queue's age from the revisions waiting now", async () => {
    const m = await onboardingMetrics(30, NOW);
    // 356 h (submitted 15 days ago + 4 h) and 72 h (in review, submitted 3 days ago).
    expect(m.queue.waiting).toBe(2);
    expect(hours(m.queue.oldestWaitSeconds)).toBe(356);
    expect(hours(m.queue.medianWaitSeconds)).toBe(214);
    expect(m.queue.oldestSubmittedAt).toEqual(new Date(NOW.getTime() - 356 * H));
  });

  it("splits the time to decision into human and policy approvals, for decisions in the period", async () => {
    const m = await onboardingMetrics(30, NOW);
    // Human approvals: 24 h and 10 h (the approval 33 days ago is outside the period).
    expect(m.decisions.humanApprovals).toEqual({ decisions: 2, medianSeconds: 17 * 3600, p90Seconds: 22.6 * 3600 });
    // decidedById NULL: approved by the policy, 1 h after submission.
    expect(m.decisions.policyApprovals).toEqual({ decisions: 1, medianSeconds: 3600, p90Seconds: 3600 });
    // The change request: 4 h.
    expect(m.decisions.otherDecisions).toEqual({ decisions: 1, medianSeconds: 4 * 3600, p90Seconds: 4 * 3600 });
  });

  it("takes only the organizations of a shorter period", async () => {
    const m = await onboardingMetrics(7, NOW);
    expect(m.funnel.map((s) => [s.id, s.reached, hours(s.medianSeconds)])).toEqual([
      ["signed_up", 1, 0],
      ["first_draft", 1, 3],
      ["first_submission", 1, 6],
      ["first_approval", 1, 30],
      ["first_passing_test", 1, 40],
    ]);
    expect(m.decisions.policyApprovals).toEqual({ decisions: 0, medianSeconds: null, p90Seconds: null });
  });

  it("answers an empty period with zero counts and no medians", async () => {
    const m = await onboardingMetrics(7, new Date(NOW.getTime() - 60 * DAY));
    expect(m.funnel.every((s) => s.reached === 0 && s.medianSeconds === null && s.p90Seconds === null)).toBe(true);
    expect(m.decisions.humanApprovals).toEqual({ decisions: 0, medianSeconds: null, p90Seconds: null });
    expect(m.decisions.policyApprovals).toEqual({ decisions: 0, medianSeconds: null, p90Seconds: null });
  });
});

describe("latestSignUps", () => {
  it("lists the period's sign-ups, newest first, each with the furthest step it reached and when", async () => {
    const rows = await latestSignUps(30, { now: NOW });
    expect(rows.map((r) => [r.name, r.furthest, hours((r.furthestAt.getTime() - r.signedUpAt.getTime()) / 1000)])).toEqual([
      ["Passed after changes", "first_passing_test", 40],
      ["Stopped at sign-up", "signed_up", 0],
      ["Stopped at approval", "first_approval", 27],
      ["Stopped at submission", "first_submission", 4],
      ["Stopped at draft", "first_draft", 1],
      ["Passed after a policy approval", "first_passing_test", 3],
    ]);
    expect(rows[0]!.signedUpAt).toEqual(new Date(NOW.getTime() - 5 * DAY));
  });

  it("keeps only the newest when there are more than the limit", async () => {
    expect((await latestSignUps(30, { now: NOW, limit: 2 })).map((r) => r.name)).toEqual(["Passed after changes", "Stopped at sign-up"]);
    expect(await latestSignUps(7, { now: new Date(NOW.getTime() - 60 * DAY) })).toEqual([]);
  });
});
