// Promotion to Production against a real database: "Prepare for Production" creates a linked
// Production draft copied from the approved staging revision (audited, idempotent, refused for
// unapproved or revoked registrations); submitting it needs a passing Test connection of the
// staging client from the last 30 days; the review page's read carries the link for the diff.
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { storeLogo } from "@/lib/db/logos";
import { getRegistrationForReview } from "@/lib/db/queue";
import { approvedData, getDraft, latestPassingRun } from "@/lib/db/registrations";
import { claimRevision, decideRevision } from "@/lib/db/review";
import { prepareForProduction, submitRegistration } from "@/lib/domain/registrations";
import { READINESS_MS } from "@/lib/registration/promotion";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { memberOf } from "../support/fake-session";
import { organizationWithMember, reviewError, staffAdmin, submittedRegistration, type Org } from "./review-support";

withTestDatabase();

let org: Org;
let member: MemberUser;
let admin: Awaited<ReturnType<typeof staffAdmin>>;

beforeAll(async () => {
  org = await organizationWithMember("Promo Co");
  member = memberOf(org) as MemberUser;
  admin = await staffAdmin("Ada Admin");
  // Submitting checks the logo is the organization's; the bytes are not looked at here.
  const logo = await storeLogo({
    organizationId: org.id,
    userId: org.member.id,
    contentType: "image/png",
    bytes: new Uint8Array([1]),
    width: 256,
    height: 256,
  });
  stagingData = { ...stagingData, logoId: logo.id };
});

/** Staging data that is also valid in Production: no loopback, no portal callback (its logo is stored below). */
let stagingData = valid({ clientName: "Promo App", redirectUris: ["https://app.client.example/callback"] });

async function approvedStaging() {
  const id = await submittedRegistration(org, stagingData, "staging");
  await claimRevision({ registrationId: id, revisionNumber: 1, admin, takeOver: false });
  await decideRevision({ registrationId: id, revisionNumber: 1, admin, decision: "approve", note: null, comments: [] });
  return id;
}

async function passingRun(registrationId: string, completedAt: Date, status: "passed" | "failed" = "passed") {
  await (
    await db()
  ).testRun.create({
    data: {
      registrationId,
      userId: org.member.id,
      redirectUri: "https://portal.example/api/test-connection/callback",
      scope: "openid",
      status,
      expiresAt: completedAt,
      completedAt,
    },
  });
}

describe("prepare for Production", () => {
  it("creates a linked Production draft copied from the approved staging revision, audited", async () => {
    const stagingId = await approvedStaging();
    const { id, created } = await prepareForProduction(member, stagingId);
    expect(created).toBe(true);
    const row = await (await db()).registration.findUniqueOrThrow({ where: { id }, select: { environment: true, promotedFromId: true, organizationId: true } });
    expect(row).toEqual({ environment: "PRODUCTION", promotedFromId: stagingId, organizationId: org.id });
    const draft = await getDraft(org.id, id);
    expect(draft?.status).toBe("DRAFT");
    expect(draft?.data).toMatchObject({ clientName: "Promo App", redirectUris: stagingData.redirectUris });
    const audit = await (await db()).auditEvent.findMany({ where: { registrationId: id }, select: { action: true, summary: true, after: true } });
    expect(audit).toEqual([
      {
        action: "registration.created",
        summary: expect.stringMatching(/prepared for Production from Staging/),
        after: expect.objectContaining({ promotedFromId: stagingId }),
      },
    ]);
  });

  it("is idempotent: a second click (or two at once) opens the same one", async () => {
    const stagingId = await approvedStaging();
    const [a, b] = await Promise.all([prepareForProduction(member, stagingId), prepareForProduction(member, stagingId)]);
    expect(a.id).toBe(b.id);
    const again = await prepareForProduction(member, stagingId);
    expect(again).toEqual({ id: a.id, created: false });
    expect(await (await db()).registration.count({ where: { promotedFromId: stagingId } })).toBe(1);
  });

  it("refuses an unapproved, a revoked, another organization's, or a Production registration", async () => {
    const submitted = await submittedRegistration(org, stagingData, "staging");
    expect((await reviewError(prepareForProduction(member, submitted))).message).toMatch(/approved Staging/);
    const revoked = await approvedStaging();
    await (await db()).registration.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    expect((await reviewError(prepareForProduction(member, revoked))).message).toMatch(/revoked/);
    const other = await organizationWithMember();
    expect((await reviewError(prepareForProduction(memberOf(other) as MemberUser, revoked))).kind).toBe("not_found");
    const { id: production } = await prepareForProduction(member, await approvedStaging());
    expect((await reviewError(prepareForProduction(member, production))).message).toMatch(/Only Staging/);
  });
});

describe("readiness", () => {
  async function promotedDraft() {
    const stagingId = await approvedStaging();
    const { id } = await prepareForProduction(member, stagingId);
    return { stagingId, id, version: (await getDraft(org.id, id))!.version };
  }

  it("refuses a submission without a passing run, or with only a failed or old one", async () => {
    const { stagingId, id, version } = await promotedDraft();
    const refusal = await reviewError(submitRegistration(member, id, version));
    expect(refusal.code).toBe("not_ready");
    expect(refusal.message).toMatch(/Test connection .* last 30 days/);
    await passingRun(stagingId, new Date(), "failed");
    await passingRun(stagingId, new Date(Date.now() - READINESS_MS - 60_000));
    expect((await reviewError(submitRegistration(member, id, version))).code).toBe("not_ready");
    expect((await getDraft(org.id, id))?.status).toBe("DRAFT");
  });

  it("allows it with a passing run from the last 30 days; the review read links the staging registration", async () => {
    const { stagingId, id, version } = await promotedDraft();
    const ranAt = new Date(Date.now() - READINESS_MS + 60 * 60 * 1000);
    await passingRun(stagingId, ranAt);
    await submitRegistration(member, id, version);
    const review = await getRegistrationForReview(id);
    expect(review?.revisions[0]?.status).toBe("SUBMITTED");
    expect(review?.promotedFrom?.id).toBe(stagingId);
    // The review page's baseline for the first Production revision: the approved staging one.
    expect((await approvedData(stagingId))?.data.redirectUris).toEqual(stagingData.redirectUris);
    expect((await latestPassingRun(stagingId, READINESS_MS))?.completedAt).toEqual(ranAt);
  });
});
