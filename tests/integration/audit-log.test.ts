import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAudit, listAuditForRegistration } from "@/lib/db/audit";
import { deleteUnsubmittedRegistration } from "@/lib/db/registrations";
import { addComment, claimRevision, decideRevision, startNewDraft, withdrawRevision } from "@/lib/db/review";
import type { Person } from "@/lib/db/actors";
import { withTestDatabase } from "../support/db";
import { draftRegistration, organizationWithMember, reviewError, staffAdmin, submit, submittedRegistration, type Org } from "./review-support";

withTestDatabase();

let org: Org;
let otherOrg: Org;
let alice: Person;
let bob: Person;
/** Changes requested on revision 1, then revision 2 approved. */
let reviewed: string;
/** Withdrawn, then a new draft. */
let withdrawn: string;
/** Rejected. */
let rejected: string;
/** Created and deleted without ever being submitted. */
let deleted: string;
/** Another organization's registration, submitted. */
let foreign: string;

beforeAll(async () => {
  org = await organizationWithMember("Northwind Traders", "Pat Partner");
  otherOrg = await organizationWithMember("Globex Corporation", "Olga Other");
  alice = await staffAdmin("Alice Admin");
  bob = await staffAdmin("Bob Admin");

  reviewed = await draftRegistration(org);
  await submit(org, reviewed);
  await claimRevision({ registrationId: reviewed, revisionNumber: 1, admin: alice });
  // A refused action writes nothing.
  await reviewError(claimRevision({ registrationId: reviewed, revisionNumber: 1, admin: bob }));
  await claimRevision({ registrationId: reviewed, revisionNumber: 1, admin: bob, takeOver: true });
  await addComment({ registrationId: reviewed, revisionNumber: 1, admin: bob, field: "scopes", body: " Why users:write? " });
  await decideRevision({
    registrationId: reviewed,
    revisionNumber: 1,
    admin: bob,
    decision: "request_changes",
    note: "Please explain the scopes.",
    comments: [{ field: "redirectUris", body: "Drop the second callback." }],
  });
  await startNewDraft({ organizationId: org.id, registrationId: reviewed, member: org.member });
  await submit(org, reviewed);
  await claimRevision({ registrationId: reviewed, revisionNumber: 2, admin: alice });
  await decideRevision({ registrationId: reviewed, revisionNumber: 2, admin: alice, decision: "approve", note: null, comments: [] });

  withdrawn = await submittedRegistration(org);
  await withdrawRevision({ organizationId: org.id, registrationId: withdrawn, member: org.member });
  await startNewDraft({ organizationId: org.id, registrationId: withdrawn, member: org.member });

  rejected = await submittedRegistration(org, undefined, "production");
  await claimRevision({ registrationId: rejected, revisionNumber: 1, admin: bob });
  await decideRevision({ registrationId: rejected, revisionNumber: 1, admin: bob, decision: "reject", note: "Not a fit for the platform.", comments: [] });

  deleted = await draftRegistration(org);
  expect(await deleteUnsubmittedRegistration(org.id, deleted, org.member)).toBe(true);

  foreign = await submittedRegistration(otherOrg);
});

/** The registration's history, oldest first, as the partner sees it. */
async function history(registrationId: string, o: Org = org) {
  return (await listAuditForRegistration(o.id, registrationId)).reverse();
}

const partner = () => ({ actorName: org.member.name, actorEmail: org.member.email, actorRole: "partner" });
const admin = (p: Person) => ({ actorName: p.name, actorEmail: p.email, actorRole: "admin" });

describe("the audit trail of each step", () => {
  it("records the full review of a registration, in order, with actors and before/after", async () => {
    const rows = await history(reviewed);
    expect(rows.map((r) => r.action)).toEqual([
      "registration.created",
      "revision.submitted",
      "revision.claimed",
      "revision.taken_over",
      "comment.added",
      "revision.changes_requested",
      "revision.draft_started",
      "revision.submitted",
      "revision.claimed",
      "revision.approved",
    ]);
    const common = { organizationId: org.id, registrationId: reviewed };
    expect(rows).toEqual([
      expect.objectContaining({ ...common, ...partner(), revisionNumber: 1, before: null, after: { status: "DRAFT", environment: "staging" } }),
      expect.objectContaining({ ...common, ...partner(), revisionNumber: 1, before: { status: "DRAFT" }, after: { status: "SUBMITTED" } }),
      expect.objectContaining({
        ...common,
        ...admin(alice),
        revisionNumber: 1,
        before: { status: "SUBMITTED", claimedBy: null },
        after: { status: "IN_REVIEW", claimedBy: "Alice Admin" },
        summary: "Alice Admin started reviewing revision 1",
      }),
      expect.objectContaining({
        ...common,
        ...admin(bob),
        revisionNumber: 1,
        before: { status: "IN_REVIEW", claimedBy: "Alice Admin" },
        after: { status: "IN_REVIEW", claimedBy: "Bob Admin" },
      }),
      expect.objectContaining({ ...common, ...admin(bob), revisionNumber: 1, before: null, after: { field: "scopes", body: "Why users:write?" } }),
      expect.objectContaining({
        ...common,
        ...admin(bob),
        revisionNumber: 1,
        before: { status: "IN_REVIEW" },
        after: { status: "CHANGES_REQUESTED", note: "Please explain the scopes.", comments: [{ field: "redirectUris", body: "Drop the second callback." }] },
        summary: "Bob Admin requested changes to revision 1",
      }),
      expect.objectContaining({
        ...common,
        ...partner(),
        revisionNumber: 2,
        before: { status: "CHANGES_REQUESTED" },
        after: { status: "DRAFT" },
        summary: "Pat Partner started revision 2 from revision 1",
      }),
      expect.objectContaining({ ...common, ...partner(), revisionNumber: 2, before: { status: "DRAFT" }, after: { status: "SUBMITTED" } }),
      expect.objectContaining({ ...common, ...admin(alice), revisionNumber: 2, before: { status: "SUBMITTED", claimedBy: null } }),
      expect.objectContaining({
        ...common,
        ...admin(alice),
        revisionNumber: 2,
        before: { status: "IN_REVIEW" },
        after: { status: "APPROVED", note: null, comments: [] },
        summary: "Alice Admin approved revision 2",
      }),
    ]);
  });

  it("records withdrawal and the new draft after it", async () => {
    const rows = await history(withdrawn);
    expect(rows.map((r) => r.action)).toEqual(["registration.created", "revision.submitted", "revision.withdrawn", "revision.draft_started"]);
    expect(rows[2]).toMatchObject({
      ...partner(),
      revisionNumber: 1,
      before: { status: "SUBMITTED" },
      after: { status: "WITHDRAWN" },
      summary: "Pat Partner withdrew revision 1",
    });
    expect(rows[3]).toMatchObject({ ...partner(), revisionNumber: 2, before: { status: "WITHDRAWN" }, after: { status: "DRAFT" } });
  });

  it("records a rejection with its reason", async () => {
    const rows = await history(rejected);
    expect(rows.map((r) => r.action)).toEqual(["registration.created", "revision.submitted", "revision.claimed", "revision.rejected"]);
    expect(rows[0]?.after).toEqual({ status: "DRAFT", environment: "production" });
    expect(rows[3]).toMatchObject({
      ...admin(bob),
      before: { status: "IN_REVIEW" },
      after: { status: "REJECTED", note: "Not a fit for the platform.", comments: [] },
      summary: "Bob Admin rejected revision 1",
    });
  });

  it("keeps the history of a deleted draft registration", async () => {
    expect(await (await db()).registration.count({ where: { id: deleted } })).toBe(0);
    const rows = await history(deleted);
    expect(rows.map((r) => r.action)).toEqual(["registration.created", "registration.deleted"]);
    expect(rows[1]).toMatchObject({ ...partner(), revisionNumber: null, before: null, after: null });
  });

  it("writes nothing for a refused action", async () => {
    const before = await (await db()).auditEvent.count();
    await reviewError(claimRevision({ registrationId: rejected, revisionNumber: 1, admin: alice }));
    await reviewError(decideRevision({ registrationId: rejected, revisionNumber: 1, admin: bob, decision: "approve", note: null, comments: [] }));
    await reviewError(withdrawRevision({ organizationId: org.id, registrationId: rejected, member: org.member }));
    expect(await (await db()).auditEvent.count()).toBe(before);
  });
});

describe("the database keeps the log append-only", () => {
  const raw = async (sql: string) => (await db()).$executeRawUnsafe(sql);

  it("refuses UPDATE", async () => {
    await expect(raw(`UPDATE "AuditEvent" SET summary = 'x'`)).rejects.toThrow(/append-only/);
    await expect(raw(`UPDATE "AuditEvent" SET "actorName" = 'Mallory' WHERE "registrationId" = '${reviewed}'`)).rejects.toThrow(/append-only/);
    await expect((await db()).auditEvent.updateMany({ data: { summary: "x" } })).rejects.toThrow(/append-only/);
  });

  it("refuses DELETE", async () => {
    await expect(raw(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect((await db()).auditEvent.deleteMany({ where: { registrationId: reviewed } })).rejects.toThrow(/append-only/);
  });

  it("refuses TRUNCATE", async () => {
    await expect(raw(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("left every row as it was", async () => {
    const client = await db();
    expect(await client.auditEvent.count({ where: { summary: "x" } })).toBe(0);
    expect(await client.auditEvent.count({ where: { actorName: "Mallory" } })).toBe(0);
    expect((await history(reviewed)).map((r) => r.action)).toHaveLength(10);
  });
});

describe("listAudit (admins)", () => {
  it("lists everything newest first", async () => {
    const { rows, total, page, pageCount } = await listAudit({});
    expect(total).toBe(await (await db()).auditEvent.count());
    expect(rows).toHaveLength(total);
    expect(page).toBe(1);
    expect(pageCount).toBe(1);
    const times = rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by action prefix", async () => {
    const revision = await listAudit({ action: "revision." });
    expect(revision.total).toBeGreaterThan(0);
    expect(revision.rows.every((r) => r.action.startsWith("revision."))).toBe(true);
    const claimed = await listAudit({ action: "revision.claimed" });
    // reviewed (revisions 1 and 2) and rejected
    expect(claimed.total).toBe(3);
    expect(claimed.rows.every((r) => r.action === "revision.claimed")).toBe(true);
    const registration = await listAudit({ action: "registration." });
    expect(registration.rows.map((r) => r.action).sort()).toEqual([...Array(5).fill("registration.created"), "registration.deleted"]);
  });

  it("filters by actor name (any case, part of it) or e-mail", async () => {
    const byName = await listAudit({ actor: "alice" });
    expect(byName.total).toBe(3);
    expect(byName.rows.every((r) => r.actorName === "Alice Admin")).toBe(true);
    const byEmail = await listAudit({ actor: bob.email.toUpperCase() });
    expect(byEmail.rows.map((r) => r.action).sort()).toEqual([
      "comment.added",
      "revision.changes_requested",
      "revision.claimed",
      "revision.rejected",
      "revision.taken_over",
    ]);
    expect((await listAudit({ actor: "Olga" })).rows.map((r) => r.registrationId)).toEqual([foreign, foreign]);
    expect((await listAudit({ actor: "nobody-at-all" })).total).toBe(0);
  });

  it("filters by registration and combines filters", async () => {
    expect((await listAudit({ registrationId: reviewed })).total).toBe(10);
    const combined = await listAudit({ registrationId: reviewed, action: "revision.claimed", actor: "Alice" });
    expect(combined.rows.map((r) => r.revisionNumber).sort()).toEqual([1, 2]);
    expect((await listAudit({ registrationId: reviewed, actor: "Olga" })).total).toBe(0);
    expect((await listAudit({ organizationId: otherOrg.id })).rows.every((r) => r.registrationId === foreign)).toBe(true);
  });
});

describe("listAuditForRegistration (partners)", () => {
  it("shows the history of the organization's own registration, newest first", async () => {
    const rows = await listAuditForRegistration(org.id, withdrawn);
    expect(rows.map((r) => r.action)).toEqual(["revision.draft_started", "revision.withdrawn", "revision.submitted", "registration.created"]);
  });

  it("shows nothing of another organization's registration", async () => {
    expect(await listAuditForRegistration(otherOrg.id, reviewed)).toEqual([]);
    expect(await listAuditForRegistration(org.id, foreign)).toEqual([]);
    expect(await listAuditForRegistration(otherOrg.id, foreign)).toHaveLength(2);
    expect(await listAuditForRegistration(org.id, "not-a-uuid")).toEqual([]);
  });
});
