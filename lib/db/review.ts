import "server-only";
import { DomainError } from "@/lib/errors";
import type { Prisma, RevisionStatus } from "@/lib/generated/prisma/client";
import type { FieldName, RegistrationData } from "@/lib/registration/fields";
import { authorize, type Actor, type ReviewAction } from "@/lib/review/state-machine";
import { asAdmin, asPartner, type Person, type Tx } from "./actors";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { db } from "./index";
import { isUuid } from "./ids";

// The review workflow (DESIGN.md's state table). Every change is a compare-and-set on the
// revision's state (and claimant), so two people acting at once cannot both win: the loser
// gets a DomainError("conflict"). Each change writes its audit row in the same transaction.


async function currentRevision(tx: Tx, registrationId: string, number: number) {
  const revision = await tx.revision.findFirst({
    where: { registrationId, number },
    select: {
      id: true,
      number: true,
      status: true,
      claimedById: true,
      data: true,
      registration: { select: { organizationId: true, clientName: true } },
    },
  });
  if (!revision) throw new DomainError("not_found", "No such revision.");
  const latest = await tx.revision.findFirst({ where: { registrationId }, orderBy: { number: "desc" }, select: { number: true } });
  if (latest?.number !== number) {
    throw new DomainError("conflict", `Revision ${number} is no longer the current one (the latest is ${latest?.number}). Reload to see it.`);
  }
  return revision;
}

function check(action: ReviewAction, status: RevisionStatus, actor: Actor, claimedById: string | null) {
  const decision = authorize(action, status, actor, claimedById);
  if (!decision.ok) throw new DomainError(decision.reason === "forbidden" ? "forbidden" : "conflict", decision.message);
  return decision;
}

/** Compare-and-set: exactly one concurrent caller moves the revision. */
async function move(tx: Tx, id: string, expected: { status: RevisionStatus; claimedById?: string | null }, data: Prisma.RevisionUncheckedUpdateManyInput) {
  const { count } = await tx.revision.updateMany({ where: { id, ...expected }, data });
  if (count !== 1) throw new DomainError("conflict", "Someone else changed this revision a moment ago. Reload to see where it stands.");
}

async function syncRegistration(tx: Tx, registrationId: string, status: RevisionStatus, extra: Prisma.RegistrationUpdateInput = {}) {
  await tx.registration.update({ where: { id: registrationId }, data: { latestStatus: status, reviewStatus: status, ...extra }, select: { id: true } });
}

export async function claimRevision(input: { registrationId: string; revisionNumber: number; admin: Person; takeOver?: boolean }) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    const action = input.takeOver ? "take_over" : "claim";
    check(action, revision.status, { kind: "admin", userId: input.admin.id }, revision.claimedById);
    const previous = revision.claimedById ? await tx.user.findUnique({ where: { id: revision.claimedById }, select: { name: true } }) : null;
    await move(tx, revision.id, { status: revision.status, claimedById: revision.claimedById }, { status: "IN_REVIEW", claimedById: input.admin.id, claimedAt: new Date() });
    await syncRegistration(tx, input.registrationId, "IN_REVIEW");
    await recordAudit(tx, {
      actor: asAdmin(input.admin),
      action: input.takeOver ? "revision.taken_over" : "revision.claimed",
      summary: input.takeOver
        ? `${input.admin.name} took over the review of revision ${revision.number} from ${previous?.name ?? "another admin"}`
        : `${input.admin.name} started reviewing revision ${revision.number}`,
      organizationId: revision.registration.organizationId,
      registrationId: input.registrationId,
      revisionNumber: revision.number,
      before: { status: revision.status, claimedBy: previous?.name ?? null },
      after: { status: "IN_REVIEW", claimedBy: input.admin.name },
    });
  });
}

export type FieldComment = { field: FieldName | null; body: string };
export type DecisionKind = "approve" | "request_changes" | "reject";
const DECIDED: Record<DecisionKind, RevisionStatus> = { approve: "APPROVED", request_changes: "CHANGES_REQUESTED", reject: "REJECTED" };

/** The state of a revision before deciding it, to check a decision before doing slow work. */
export async function precheckDecision(registrationId: string, revisionNumber: number, admin: Person, decision: DecisionKind) {
  if (!isUuid(registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, registrationId, revisionNumber);
    check(decision, revision.status, { kind: "admin", userId: admin.id }, revision.claimedById);
    const registration = await tx.registration.findUniqueOrThrow({
      where: { id: registrationId },
      select: { environment: true, clientId: true, provisioningMode: true, issuer: true, registrationClientUri: true, registrationAccessTokenEnc: true, revokedAt: true },
    });
    return { data: revision.data as RegistrationData, registration, organizationId: revision.registration.organizationId };
  });
}

/** Records a decision by the claiming admin; decisions are final for that revision. */
export async function decideRevision(input: {
  registrationId: string;
  revisionNumber: number;
  admin: Person;
  decision: DecisionKind;
  note: string | null;
  comments: FieldComment[];
  /** Extra writes of the same transaction (approval stores the provisioned client here). */
  alsoInTransaction?: (tx: Tx) => Promise<void>;
}) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  if (input.decision === "reject" && !input.note?.trim()) throw new DomainError("invalid", "Give the partner a reason for the rejection.");
  if (input.decision === "request_changes" && !input.note?.trim() && !input.comments.some((c) => c.body.trim())) {
    throw new DomainError("invalid", "Say what needs to change: add a comment, on the whole registration or on a field.");
  }
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    check(input.decision, revision.status, { kind: "admin", userId: input.admin.id }, revision.claimedById);
    const to = DECIDED[input.decision];
    const now = new Date();
    await move(tx, revision.id, { status: "IN_REVIEW", claimedById: input.admin.id }, { status: to, decidedById: input.admin.id, decidedAt: now, decisionNote: input.note?.trim() || null });
    await syncRegistration(tx, input.registrationId, to);
    await input.alsoInTransaction?.(tx);
    const comments = input.comments.filter((c) => c.body.trim());
    if (comments.length) {
      await tx.reviewComment.createMany({ data: comments.map((c) => ({ revisionId: revision.id, authorId: input.admin.id, field: c.field, body: c.body.trim() })) });
    }
    const words = { approve: "approved", request_changes: "requested changes to", reject: "rejected" }[input.decision];
    await recordAudit(tx, {
      actor: asAdmin(input.admin),
      action: `revision.${to.toLowerCase()}`,
      summary: `${input.admin.name} ${words} revision ${revision.number}`,
      organizationId: revision.registration.organizationId,
      registrationId: input.registrationId,
      revisionNumber: revision.number,
      before: { status: "IN_REVIEW" },
      after: { status: to, note: input.note?.trim() || null, comments: comments.map((c) => ({ field: c.field, body: c.body.trim() })) },
    });
    return { organizationId: revision.registration.organizationId, clientName: revision.registration.clientName, status: to };
  });
}

export async function addComment(input: { registrationId: string; revisionNumber: number; admin: Person; field: FieldName | null; body: string }) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  if (!input.body.trim()) throw new DomainError("invalid", "Write the comment first.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    if (revision.status === "DRAFT") throw new DomainError("conflict", "Drafts cannot be commented on.");
    await tx.reviewComment.create({ data: { revisionId: revision.id, authorId: input.admin.id, field: input.field, body: input.body.trim() }, select: { id: true } });
    await recordAudit(tx, {
      actor: asAdmin(input.admin),
      action: "comment.added",
      summary: `${input.admin.name} commented on revision ${revision.number}${input.field ? ` (${input.field})` : ""}`,
      organizationId: revision.registration.organizationId,
      registrationId: input.registrationId,
      revisionNumber: revision.number,
      after: { field: input.field, body: input.body.trim() },
    });
  });
}

/** A partner member withdraws a submission nobody has decided yet. */
export async function withdrawRevision(input: { organizationId: string; registrationId: string; member: Person }) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const latest = await tx.revision.findFirst({
      where: { registrationId: input.registrationId, registration: { organizationId: input.organizationId } },
      orderBy: { number: "desc" },
      select: { id: true, number: true, status: true, claimedById: true },
    });
    if (!latest) throw new DomainError("not_found", "No such registration.");
    check("withdraw", latest.status, { kind: "member" }, latest.claimedById);
    await move(tx, latest.id, { status: latest.status }, { status: "WITHDRAWN" });
    await syncRegistration(tx, input.registrationId, "WITHDRAWN");
    await recordAudit(tx, {
      actor: asPartner(input.member),
      action: "revision.withdrawn",
      summary: `${input.member.name} withdrew revision ${latest.number}`,
      organizationId: input.organizationId,
      registrationId: input.registrationId,
      revisionNumber: latest.number,
      before: { status: latest.status },
      after: { status: "WITHDRAWN" },
    });
  });
}

/**
 * Edit and resubmit: a new draft copied from the latest revision, once that one is decided or
 * withdrawn (an approved configuration stays live meanwhile). Returns the existing draft if
 * there already is one.
 */
export async function startNewDraft(input: { organizationId: string; registrationId: string; member: Person }): Promise<{ number: number }> {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  try {
    return await createNextDraft(input);
  } catch (error) {
    // Two clicks at once: the other one created the draft (unique registration + number).
    if (!isUniqueViolation(error)) throw error;
    const draft = await (await db()).revision.findFirst({
      where: { registrationId: input.registrationId, status: "DRAFT", registration: { organizationId: input.organizationId } },
      select: { number: true },
    });
    if (!draft) throw error;
    return { number: draft.number };
  }
}

async function createNextDraft(input: { organizationId: string; registrationId: string; member: Person }): Promise<{ number: number }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const latest = await tx.revision.findFirst({
      where: { registrationId: input.registrationId, registration: { organizationId: input.organizationId } },
      orderBy: { number: "desc" },
      select: { number: true, status: true, data: true, claimedById: true },
    });
    if (!latest) throw new DomainError("not_found", "No such registration.");
    if (latest.status === "DRAFT") return { number: latest.number };
    check("new_draft", latest.status, { kind: "member" }, latest.claimedById);
    const number = latest.number + 1;
    await tx.revision.create({
      data: { registrationId: input.registrationId, number, data: latest.data as Prisma.InputJsonValue, createdById: input.member.id, updatedById: input.member.id },
      select: { id: true },
    });
    // The queue keeps showing the last submitted state; only the partner's view is a draft.
    await tx.registration.update({ where: { id: input.registrationId }, data: { latestStatus: "DRAFT" }, select: { id: true } });
    await recordAudit(tx, {
      actor: asPartner(input.member),
      action: "revision.draft_started",
      summary: `${input.member.name} started revision ${number} from revision ${latest.number}`,
      organizationId: input.organizationId,
      registrationId: input.registrationId,
      revisionNumber: number,
      before: { status: latest.status },
      after: { status: "DRAFT" },
    });
    return { number };
  });
}

