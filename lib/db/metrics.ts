import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./index";

// Onboarding metrics for admins (/admin/metrics), computed in SQL so that only a handful of
// numbers leave the database whatever the table sizes (bench/queue.mjs times it at 100,000
// registrations). Three statements, run side by side:
//  - the funnel of the organizations that signed up in the period (Organization.createdAt):
//    first draft (first Registration), first submission (first Revision.submittedAt), first
//    approval (first APPROVED revision's decidedAt) and first passing Test connection (first
//    TestRun "passed", completedAt), each with the median and p90 time since sign-up;
//  - the queue's age: revisions SUBMITTED or IN_REVIEW now, by submittedAt;
//  - the time to decision (decidedAt - submittedAt) of the decisions taken in the period. A
//    policy approval is an APPROVED revision without a deciding person (decidedById NULL); a
//    human one names the admin (the contract with the instant-staging policy).
// Every step implies the one before it (a Test connection needs an approved client, an
// approval a submission), so "reached" counts are a funnel. A never-submitted draft that was
// deleted leaves no row, so that organization counts as not having started a draft.

export const METRICS_PERIODS = [7, 30, 90] as const;
export type MetricsPeriod = (typeof METRICS_PERIODS)[number];
export const DEFAULT_METRICS_PERIOD: MetricsPeriod = 30;

export const FUNNEL_STEPS = ["signed_up", "first_draft", "first_submission", "first_approval", "first_passing_test"] as const;
export type FunnelStepId = (typeof FUNNEL_STEPS)[number];

/** Seconds; null when no organization reached the step. */
export type FunnelStep = { id: FunnelStepId; reached: number; medianSeconds: number | null; p90Seconds: number | null };
export type QueueAge = { waiting: number; oldestSubmittedAt: Date | null; oldestWaitSeconds: number | null; medianWaitSeconds: number | null };
export type DecisionTimes = { decisions: number; medianSeconds: number | null; p90Seconds: number | null };
export type OnboardingMetrics = {
  period: MetricsPeriod;
  since: Date;
  now: Date;
  funnel: FunnelStep[];
  queue: QueueAge;
  /** Approvals by an admin, by the policy, and the other decisions (rejections and change requests, always by an admin). */
  decisions: { humanApprovals: DecisionTimes; policyApprovals: DecisionTimes; otherDecisions: DecisionTimes };
};

type FunnelRow = { step: FunnelStepId; reached: number; median_s: number | null; p90_s: number | null };
type QueueRow = { waiting: number; oldest: Date | null; oldest_s: number | null; median_s: number | null };
type DecisionRow = { kind: "human_approval" | "policy_approval" | "human_other"; decisions: number; median_s: number | null; p90_s: number | null };

const DAY_MS = 86_400_000;

/**
 * The CTEs "cohort" (the organizations that signed up in (since, now]) and "progress" (when
 * each first reached every step): shared by the funnel and the list of latest sign-ups.
 */
function cohortProgress(since: Date, now: Date, newest?: number) {
  // With `newest`, only that many of the latest sign-ups: the limit applies on the index of
  // Organization.createdAt, before the per-organization look-ups.
  const limit = newest === undefined ? Prisma.empty : Prisma.sql`ORDER BY o."createdAt" DESC, o.id DESC LIMIT ${newest}`;
  return Prisma.sql`cohort AS (
        SELECT o.id, o.name, o."createdAt" AS signed_up
        FROM "Organization" o
        WHERE o."createdAt" > ${since.toISOString()}::timestamp AND o."createdAt" <= ${now.toISOString()}::timestamp
        ${limit}
      ), progress AS (
        SELECT c.id, c.name, c.signed_up,
               (SELECT min(r."createdAt") FROM "Registration" r WHERE r."organizationId" = c.id) AS first_draft,
               (SELECT min(v."submittedAt") FROM "Registration" r JOIN "Revision" v ON v."registrationId" = r.id
                 WHERE r."organizationId" = c.id) AS first_submission,
               (SELECT min(v."decidedAt") FROM "Registration" r JOIN "Revision" v ON v."registrationId" = r.id
                 WHERE r."organizationId" = c.id AND v.status = 'APPROVED') AS first_approval,
               (SELECT min(t."completedAt") FROM "Registration" r JOIN "TestRun" t ON t."registrationId" = r.id
                 WHERE r."organizationId" = c.id AND t.status = 'passed') AS first_passing_test
        FROM cohort c
      )`;
}

export async function onboardingMetrics(period: MetricsPeriod, now: Date = new Date()): Promise<OnboardingMetrics> {
  const since = new Date(now.getTime() - period * DAY_MS);
  const client = await db();
  // Timestamps are stored as UTC in "timestamp without time zone"; an ISO string cast to
  // timestamp drops its "Z", which is the same UTC wall time.
  const [funnelRows, [queueRow], decisionRows] = await Promise.all([
    client.$queryRaw<FunnelRow[]>`
      WITH ${cohortProgress(since, now)}
      SELECT s.step, count(s.at)::int AS reached,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - p.signed_up)::float8) AS median_s,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - p.signed_up)::float8) AS p90_s
      FROM progress p
      CROSS JOIN LATERAL (VALUES ('signed_up', p.signed_up), ('first_draft', p.first_draft), ('first_submission', p.first_submission),
                                 ('first_approval', p.first_approval), ('first_passing_test', p.first_passing_test)) AS s(step, at)
      GROUP BY s.step`,
    client.$queryRaw<QueueRow[]>`
      SELECT count(*)::int AS waiting, min(v."submittedAt") AS oldest,
             extract(epoch FROM ${now.toISOString()}::timestamp - min(v."submittedAt"))::float8 AS oldest_s,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${now.toISOString()}::timestamp - v."submittedAt")::float8) AS median_s
      FROM "Revision" v
      WHERE v.status IN ('SUBMITTED', 'IN_REVIEW') AND v."submittedAt" IS NOT NULL`,
    client.$queryRaw<DecisionRow[]>`
      SELECT CASE WHEN v.status <> 'APPROVED' THEN 'human_other'
                  WHEN v."decidedById" IS NULL THEN 'policy_approval'
                  ELSE 'human_approval' END AS kind,
             count(*)::int AS decisions,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v."decidedAt" - v."submittedAt")::float8) AS median_s,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM v."decidedAt" - v."submittedAt")::float8) AS p90_s
      FROM "Revision" v
      WHERE v.status IN ('APPROVED', 'REJECTED', 'CHANGES_REQUESTED')
        AND v."decidedAt" > ${since.toISOString()}::timestamp AND v."decidedAt" <= ${now.toISOString()}::timestamp
        AND v."submittedAt" IS NOT NULL
      GROUP BY 1`,
  ]);

  const byStep = new Map(funnelRows.map((r) => [r.step, r]));
  const funnel = FUNNEL_STEPS.map((id): FunnelStep => {
    const row = byStep.get(id);
    return { id, reached: row?.reached ?? 0, medianSeconds: row?.median_s ?? null, p90Seconds: row?.p90_s ?? null };
  });
  const byKind = new Map(decisionRows.map((r) => [r.kind, r]));
  const times = (kind: DecisionRow["kind"]): DecisionTimes => {
    const row = byKind.get(kind);
    return { decisions: row?.decisions ?? 0, medianSeconds: row?.median_s ?? null, p90Seconds: row?.p90_s ?? null };
  };
  return {
    period,
    since,
    now,
    funnel,
    queue: {
      waiting: queueRow?.waiting ?? 0,
      oldestSubmittedAt: queueRow?.oldest ?? null,
      oldestWaitSeconds: queueRow?.oldest_s ?? null,
      medianWaitSeconds: queueRow?.median_s ?? null,
    },
    decisions: { humanApprovals: times("human_approval"), policyApprovals: times("policy_approval"), otherDecisions: times("human_other") },
  };
}

/** One organization of the cohort: the furthest step it reached, and when. */
export type SignUpProgress = { organizationId: string; name: string; signedUpAt: Date; furthest: FunnelStepId; furthestAt: Date };
type SignUpRow = {
  id: string;
  name: string;
  signed_up: Date;
  first_draft: Date | null;
  first_submission: Date | null;
  first_approval: Date | null;
  first_passing_test: Date | null;
};

/**
 * The period's latest sign-ups (newest first, at most `limit`), each with the furthest step it
 * reached: where a particular partner stands, and where partners stop.
 */
export async function latestSignUps(period: MetricsPeriod, { now = new Date(), limit = 20 } = {}): Promise<SignUpProgress[]> {
  const since = new Date(now.getTime() - period * DAY_MS);
  const client = await db();
  const rows = await client.$queryRaw<SignUpRow[]>`
      WITH ${cohortProgress(since, now, limit)}
      SELECT id, name, signed_up, first_draft, first_submission, first_approval, first_passing_test
      FROM progress ORDER BY signed_up DESC, id DESC LIMIT ${limit}`;
  return rows.map((row) => {
    // Steps imply the ones before them, so the last one with a time is the furthest.
    const furthest = [...FUNNEL_STEPS].reverse().find((step) => (step === "signed_up" ? row.signed_up : row[step])) ?? "signed_up";
    const at = furthest === "signed_up" ? row.signed_up : row[furthest]!;
    return { organizationId: row.id, name: row.name, signedUpAt: row.signed_up, furthest, furthestAt: at };
  });
}
