import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRegistrationForReview } from "@/lib/db/queue";
import { getDraft, getRegistration, saveDraft, submitDraft } from "@/lib/db/registrations";
import { claimRevision, decideRevision, startNewDraft, withdrawRevision, type FieldComment } from "@/lib/db/review";
import type { Person } from "@/lib/db/actors";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import {
  draftRegistration,
  organizationWithMember,
  registrationRow,
  reviewError,
  revisionRow,
  staffAdmin,
  submit,
  submittedRegistration,
  type Org,
} from "./review-support";

withTestDatabase();

let org: Org;
let otherOrg: Org;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  org = await organizationWithMember("Northwind Traders", "Pat Partner");
  otherOrg = await organizationWithMember("Globex Corporation", "Olga Other");
  alice = await staffAdmin("Alice Admin");
  bob = await staffAdmin("Bob Admin");
});

const claim = (registrationId: string, admin: Person, revisionNumber = 1, takeOver = false) =>
  claimRevision({ registrationId, revisionNumber, admin, takeOver });
const decide = (
  registrationId: string,
  admin: Person,
  decision: "approve" | "request_changes" | "reject",
  opts: { note?: string | null; comments?: FieldComment[]; revisionNumber?: number } = {},
) => decideRevision({ registrationId, revisionNumber: opts.revisionNumber ?? 1, admin, decision, note: opts.note ?? null, comments: opts.comments ?? [] });
const withdraw = (registrationId: string, o: Org = org) => withdrawRevision({ organizationId: o.id, registrationId, member: o.member });
const newDraft = (registrationId: string, o: Org = org) => startNewDraft({ organizationId: o.id, registrationId, member: o.member });

/** A registration whose revision 1 was sent back for changes. */
async function changesRequested() {
  const id = await submittedRegistration(org);
  await claim(id, alice);
  await decide(id, alice, "request_changes", { note: "Use your production callback." });
  return id;
}

describe("setup", () => {
  it("submits revision 1 of a new registration", async () => {
    const id = await submittedRegistration(org);
    expect(await revisionRow(id, 1)).toMatchObject({ status: "SUBMITTED", claimedById: null, submittedAt: expect.any(Date) });
    expect(await registrationRow(id)).toMatchObject({
      latestStatus: "SUBMITTED",
      reviewStatus: "SUBMITTED",
      everSubmitted: true,
      submittedAt: expect.any(Date),
    });
  });
});

describe("claim and take over", () => {
  it("claim moves SUBMITTED to IN_REVIEW and records the claimant", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    const rev = await revisionRow(id, 1);
    expect(rev).toMatchObject({ status: "IN_REVIEW", claimedById: alice.id, claimedAt: expect.any(Date), decidedById: null });
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "IN_REVIEW", reviewStatus: "IN_REVIEW" });
  });

  it("a second admin cannot claim a revision already in review, nor can the claimant claim it again", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    expect((await reviewError(claim(id, bob))).kind).toBe("conflict");
    expect((await reviewError(claim(id, alice))).kind).toBe("conflict");
    expect((await revisionRow(id, 1)).claimedById).toBe(alice.id);
  });

  it("another admin cannot decide without taking over first (not the claimant)", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    for (const decision of ["approve", "request_changes", "reject"] as const) {
      const error = await reviewError(decide(id, bob, decision, { note: "A note" }));
      expect(error.kind).toBe("conflict");
      expect(error.message).toMatch(/Take it over/);
    }
    expect(await revisionRow(id, 1)).toMatchObject({ status: "IN_REVIEW", claimedById: alice.id, decidedById: null });
  });

  it("take over hands the review to another admin, and records it in the audit log", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    await claim(id, bob, 1, true);
    expect(await revisionRow(id, 1)).toMatchObject({ status: "IN_REVIEW", claimedById: bob.id });
    const audit = await (
      await db()
    ).auditEvent.findMany({
      where: { registrationId: id, action: "revision.taken_over" },
      select: { actorName: true, before: true, after: true, summary: true },
    });
    expect(audit).toEqual([
      {
        actorName: "Bob Admin",
        before: { status: "IN_REVIEW", claimedBy: "Alice Admin" },
        after: { status: "IN_REVIEW", claimedBy: "Bob Admin" },
        summary: "Bob Admin took over the review of revision 1 from Alice Admin",
      },
    ]);
    // Now Alice is the one who may not decide; Bob may not take over his own claim.
    expect((await reviewError(decide(id, alice, "approve"))).kind).toBe("conflict");
    expect((await reviewError(claim(id, bob, 1, true))).message).toBe("You are already reviewing this revision.");
    await decide(id, bob, "approve");
    expect((await revisionRow(id, 1)).status).toBe("APPROVED");
  });

  it("taking over a revision nobody claimed yet is refused (claim it instead)", async () => {
    const id = await submittedRegistration(org);
    expect((await reviewError(claim(id, bob, 1, true))).kind).toBe("conflict");
    expect((await revisionRow(id, 1)).status).toBe("SUBMITTED");
  });

  it("refuses unknown registrations and revisions as not found", async () => {
    expect((await reviewError(claim("not-a-uuid", alice))).kind).toBe("not_found");
    expect((await reviewError(claim("00000000-0000-4000-8000-000000000000", alice))).kind).toBe("not_found");
    const id = await submittedRegistration(org);
    expect((await reviewError(claim(id, alice, 7))).kind).toBe("not_found");
  });

  it("of two admins claiming at once, exactly one wins", async () => {
    const id = await submittedRegistration(org);
    const results = await Promise.allSettled([claim(id, alice), claim(id, bob)]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ kind: "conflict" });
    const winner = results[0]?.status === "fulfilled" ? alice : bob;
    expect(await revisionRow(id, 1)).toMatchObject({ status: "IN_REVIEW", claimedById: winner.id });
    const claims = await (await db()).auditEvent.findMany({ where: { registrationId: id, action: "revision.claimed" }, select: { actorName: true } });
    expect(claims).toEqual([{ actorName: winner.name }]);
  });
});

describe("decisions", () => {
  it("approve by the claimant: APPROVED on the revision and the registration; a second decision is refused", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    const result = await decide(id, alice, "approve");
    expect(result).toEqual({ organizationId: org.id, clientName: "Example Client", status: "APPROVED" });
    expect(await revisionRow(id, 1)).toMatchObject({ status: "APPROVED", decidedById: alice.id, decidedAt: expect.any(Date), decisionNote: null });
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "APPROVED", reviewStatus: "APPROVED" });
    for (const decision of ["approve", "reject", "request_changes"] as const) {
      expect((await reviewError(decide(id, alice, decision, { note: "again" }))).kind).toBe("conflict");
    }
    expect((await revisionRow(id, 1)).status).toBe("APPROVED");
  });

  it("request changes needs a note or a comment", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    expect((await reviewError(decide(id, alice, "request_changes"))).kind).toBe("invalid");
    expect((await reviewError(decide(id, alice, "request_changes", { note: "   ", comments: [{ field: "scopes", body: "  " }] }))).kind).toBe("invalid");
    expect((await revisionRow(id, 1)).status).toBe("IN_REVIEW");
  });

  it("reject needs a reason", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    expect((await reviewError(decide(id, alice, "reject"))).kind).toBe("invalid");
    expect((await reviewError(decide(id, alice, "reject", { note: "  " }))).kind).toBe("invalid");
    // Field comments are not a reason for a rejection.
    expect((await reviewError(decide(id, alice, "reject", { comments: [{ field: null, body: "No." }] }))).kind).toBe("invalid");
    expect((await revisionRow(id, 1)).status).toBe("IN_REVIEW");
    await decide(id, alice, "reject", { note: "  We do not offer this API to resellers.  " });
    expect(await revisionRow(id, 1)).toMatchObject({ status: "REJECTED", decisionNote: "We do not offer this API to resellers.", decidedById: alice.id });
    expect(await registrationRow(id)).toMatchObject({ reviewStatus: "REJECTED", latestStatus: "REJECTED" });
  });

  it("request changes stores the field comments (trimmed, blank ones dropped) and the note", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    await decide(id, alice, "request_changes", {
      comments: [
        { field: "redirectUris", body: "  Remove the staging callback.  " },
        { field: "scopes", body: "Why users:write?" },
        { field: null, body: "Overall fine otherwise." },
        { field: "clientName", body: "   " },
      ],
    });
    const rev = await revisionRow(id, 1);
    expect(rev).toMatchObject({ status: "CHANGES_REQUESTED", decisionNote: null, decidedById: alice.id });
    expect(rev.comments).toHaveLength(3);
    expect(rev.comments).toEqual(
      expect.arrayContaining([
        { field: "redirectUris", body: "Remove the staging callback.", authorId: alice.id },
        { field: "scopes", body: "Why users:write?", authorId: alice.id },
        { field: null, body: "Overall fine otherwise.", authorId: alice.id },
      ]),
    );
    expect(await registrationRow(id)).toMatchObject({ reviewStatus: "CHANGES_REQUESTED", latestStatus: "CHANGES_REQUESTED" });
  });

  it("a decision on an older revision, once a newer one exists, is a conflict", async () => {
    const id = await changesRequested();
    expect(await newDraft(id)).toEqual({ number: 2 });
    await submit(org, id);
    const stale = await reviewError(claim(id, bob, 1));
    expect(stale.kind).toBe("conflict");
    expect(stale.message).toContain("no longer the current one");
    expect((await reviewError(decide(id, alice, "approve", { revisionNumber: 1 }))).kind).toBe("conflict");
    expect((await revisionRow(id, 1)).status).toBe("CHANGES_REQUESTED");
    // The current one works.
    await claim(id, bob, 2);
    expect((await revisionRow(id, 2)).claimedById).toBe(bob.id);
  });
});

describe("withdraw", () => {
  it("works from SUBMITTED", async () => {
    const id = await submittedRegistration(org);
    await withdraw(id);
    expect((await revisionRow(id, 1)).status).toBe("WITHDRAWN");
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "WITHDRAWN", reviewStatus: "WITHDRAWN" });
    expect((await reviewError(claim(id, alice))).kind).toBe("conflict");
  });

  it("works from IN_REVIEW, and the admin can then no longer decide", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    await withdraw(id);
    expect((await revisionRow(id, 1)).status).toBe("WITHDRAWN");
    expect((await reviewError(decide(id, alice, "approve"))).kind).toBe("conflict");
  });

  it("is refused after a decision, twice, or on a draft", async () => {
    const approved = await submittedRegistration(org);
    await claim(approved, alice);
    await decide(approved, alice, "approve");
    expect((await reviewError(withdraw(approved))).kind).toBe("conflict");
    expect((await revisionRow(approved, 1)).status).toBe("APPROVED");

    const sentBack = await changesRequested();
    expect((await reviewError(withdraw(sentBack))).kind).toBe("conflict");

    const twice = await submittedRegistration(org);
    await withdraw(twice);
    expect((await reviewError(withdraw(twice))).kind).toBe("conflict");

    await newDraft(twice);
    expect((await reviewError(withdraw(twice))).kind).toBe("conflict");
  });

  it("is not found for another organization's member", async () => {
    const id = await submittedRegistration(org);
    expect((await reviewError(withdraw(id, otherOrg))).kind).toBe("not_found");
    expect((await revisionRow(id, 1)).status).toBe("SUBMITTED");
  });

  it("racing a decision: exactly one of them happens", async () => {
    const id = await submittedRegistration(org);
    await claim(id, alice);
    const results = await Promise.allSettled([withdraw(id), decide(id, alice, "approve")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const status = (await revisionRow(id, 1)).status;
    expect(status).toBe(results[0]?.status === "fulfilled" ? "WITHDRAWN" : "APPROVED");
    expect((await registrationRow(id)).reviewStatus).toBe(status);
  });
});

describe("startNewDraft (edit and resubmit)", () => {
  it("after CHANGES_REQUESTED creates revision 2 as a draft with the same data; the queue keeps CHANGES_REQUESTED", async () => {
    const id = await changesRequested();
    const before = await revisionRow(id, 1);
    expect(await newDraft(id)).toEqual({ number: 2 });
    const draft = await revisionRow(id, 2);
    expect(draft).toMatchObject({ status: "DRAFT", version: 1, claimedById: null, decidedById: null, submittedAt: null, comments: [] });
    expect(draft.data).toEqual(before.data);
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "DRAFT", reviewStatus: "CHANGES_REQUESTED" });
    expect((await revisionRow(id, 1)).status).toBe("CHANGES_REQUESTED");
    const fromGetDraft = await getDraft(org.id, id);
    expect(fromGetDraft).toMatchObject({ number: 2, status: "DRAFT", version: 1 });
  });

  it("after REJECTED and after WITHDRAWN too", async () => {
    const rejected = await submittedRegistration(org);
    await claim(rejected, alice);
    await decide(rejected, alice, "reject", { note: "Not a fit." });
    expect(await newDraft(rejected)).toEqual({ number: 2 });
    expect(await registrationRow(rejected)).toMatchObject({ latestStatus: "DRAFT", reviewStatus: "REJECTED" });

    const withdrawn = await submittedRegistration(org);
    await withdraw(withdrawn);
    expect(await newDraft(withdrawn)).toEqual({ number: 2 });
    expect(await registrationRow(withdrawn)).toMatchObject({ latestStatus: "DRAFT", reviewStatus: "WITHDRAWN" });
  });

  it("returns the existing draft's number instead of creating another", async () => {
    const id = await changesRequested();
    expect(await newDraft(id)).toEqual({ number: 2 });
    expect(await newDraft(id)).toEqual({ number: 2 });
    expect(await (await db()).revision.count({ where: { registrationId: id } })).toBe(2);
    // A registration that was never submitted: its draft is revision 1.
    const fresh = await draftRegistration(org);
    expect(await newDraft(fresh)).toEqual({ number: 1 });
  });

  it("two calls at once end with one new draft, both answering its number", async () => {
    const id = await changesRequested();
    const results = await Promise.allSettled([newDraft(id), newDraft(id)]);
    expect(results).toEqual([
      { status: "fulfilled", value: { number: 2 } },
      { status: "fulfilled", value: { number: 2 } },
    ]);
    expect(await (await db()).revision.count({ where: { registrationId: id } })).toBe(2);
  });

  it("is refused while a submission is open", async () => {
    const id = await submittedRegistration(org);
    expect((await reviewError(newDraft(id))).kind).toBe("conflict");
    await claim(id, alice);
    expect((await reviewError(newDraft(id))).kind).toBe("conflict");
  });

  it("is not found for another organization's registration", async () => {
    const id = await changesRequested();
    expect((await reviewError(newDraft(id, otherOrg))).kind).toBe("not_found");
    expect((await reviewError(newDraft("nope", otherOrg))).kind).toBe("not_found");
    expect(await (await db()).revision.count({ where: { registrationId: id } })).toBe(1);
  });

  it("an approved registration stays approved while revision 2 is edited, resubmitted and reviewed", async () => {
    const v1 = valid();
    const id = await submittedRegistration(org, v1);
    await claim(id, alice);
    await decide(id, alice, "approve");

    expect(await newDraft(id)).toEqual({ number: 2 });
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "DRAFT", reviewStatus: "APPROVED" });

    const v2 = valid({
      scopes: ["users:read", "users:write", "tags:read"],
      redirectUris: ["https://client.example/callback", "https://client.example/callback2"],
    });
    const saved = await saveDraft({ organizationId: org.id, registrationId: id, userId: org.member.id, version: 1, data: v2 });
    expect(saved).toMatchObject({ status: "saved", version: 2 });
    expect((await revisionRow(id, 1)).data).toEqual(v1);

    expect(await submitDraft({ organizationId: org.id, organizationName: org.name, registrationId: id, member: org.member, version: 1, data: v2 })).toBe(
      "conflict",
    );
    await submit(org, id, v2, 2);

    const r1 = await revisionRow(id, 1);
    const r2 = await revisionRow(id, 2);
    expect(r1).toMatchObject({ status: "APPROVED", decidedById: alice.id });
    expect(r1.data).toEqual(v1);
    expect(r2).toMatchObject({ status: "SUBMITTED" });
    expect(r2.data).toEqual(v2);
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "SUBMITTED", reviewStatus: "SUBMITTED" });

    // Both revisions stay readable, for the admin and for the partner.
    const forReview = await getRegistrationForReview(id);
    expect(forReview?.revisions.map((r) => [r.number, r.status])).toEqual([
      [2, "SUBMITTED"],
      [1, "APPROVED"],
    ]);
    expect(forReview?.revisions[1]?.data).toEqual(v1);
    const forPartner = await getRegistration(org.id, id);
    expect(forPartner?.revisions.map((r) => [r.number, r.status])).toEqual([
      [2, "SUBMITTED"],
      [1, "APPROVED"],
    ]);

    await claim(id, bob, 2);
    await decide(id, bob, "approve", { revisionNumber: 2 });
    expect((await revisionRow(id, 1)).status).toBe("APPROVED");
    expect((await revisionRow(id, 2)).status).toBe("APPROVED");
    expect(await registrationRow(id)).toMatchObject({ latestStatus: "APPROVED", reviewStatus: "APPROVED" });
  });
});
