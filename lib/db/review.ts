import "server-only";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FieldName } from "@/lib/registration/fields";
import { readStoredDraft, unreadableNotice } from "@/lib/registration/stored";
import { AUDIT_ACTION, type Actor } from "@/lib/review/state-machine";
import { asAdmin, asPartner, type Person, type Tx } from "./actors";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { db } from "./index";
import { isUuid } from "./ids";
import { allowOrRefuse, applyTransition, syncStatuses, type RevisionRef } from "./transitions";

// The review workflow's operations (DESIGN.md's state table). Each runs in one transaction and
// moves the revision through applyTransition (./transitions.ts), which checks the state
// machine, compares-and-sets, keeps the registration's statuses in step and writes the audit.

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
  return { ...revision, ref: { ...revision, registrationId, organizationId: revision.registration.organizationId } satisfies RevisionRef };
}

export async function claimRevision(input: { registrationId: string; revisionNumber: number; admin: Person; takeOver?: boolean }) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    const previous = revision.claimedById ? await tx.user.findUnique({ where: { id: revision.claimedById }, select: { name: true } }) : null;
    await applyTransition(tx, {
      revision: revision.ref,
      action: input.takeOver ? "take_over" : "claim",
      actor: { kind: "admin", userId: input.admin.id },
      person: asAdmin(input.admin),
      summary: input.takeOver
        ? `${input.admin.name} took over the review of revision ${revision.number} from ${previous?.name ?? "another admin"}`
        : `${input.admin.name} started reviewing revision ${revision.number}`,
      set: { claimedById: input.admin.id, claimedAt: new Date() },
      before: { claimedBy: previous?.name ?? null },
      after: { claimedBy: input.admin.name },
    });
  });
}

export type FieldComment = { field: FieldName | null; body: string };
export type DecisionKind = "approve" | "request_changes" | "reject";

/**
 * The state of a revision before deciding it, to check a decision before doing slow work. The
 * policy actor may only approve Staging: Production is always decided by a person.
 */
export async function precheckDecision(registrationId: string, revisionNumber: number, actor: Actor, decision: DecisionKind) {
  if (!isUuid(registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, registrationId, revisionNumber);
    allowOrRefuse(decision, revision, actor);
    const registration = await tx.registration.findUniqueOrThrow({
      where: { id: registrationId },
      select: {
        environment: true,
        clientId: true,
        provisioningMode: true,
        issuer: true,
        registrationClientUri: true,
        registrationAccessTokenEnc: true,
        revokedAt: true,
      },
    });
    if (actor.kind === "policy" && registration.environment !== "STAGING") {
      throw new DomainError("forbidden", "Production registrations are always reviewed by a person.");
    }
    // Provisioning must never fill in a default for a value it could not read.
    const stored = readStoredDraft(revision.data);
    if (decision === "approve" && stored.unreadable.length) {
      throw new DomainError("invalid", `${unreadableNotice(stored.unreadable)} Request changes instead of approving it.`);
    }
    return { data: stored.data, registration, organizationId: revision.registration.organizationId };
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
    const note = input.note?.trim() || null;
    const comments = input.comments.filter((c) => c.body.trim()).map((c) => ({ field: c.field, body: c.body.trim() }));
    const words = { approve: "approved", request_changes: "requested changes to", reject: "rejected" }[input.decision];
    const to = await applyTransition(tx, {
      revision: revision.ref,
      action: input.decision,
      actor: { kind: "admin", userId: input.admin.id },
      person: asAdmin(input.admin),
      summary: `${input.admin.name} ${words} revision ${revision.number}`,
      set: { decidedById: input.admin.id, decidedAt: new Date(), decisionNote: note },
      after: { note, comments },
      // A person approved the live configuration: it leaves the queue's "Auto-approved" filter.
      registration: input.decision === "approve" ? { autoApprovedAt: null, spotCheckedAt: null, spotCheckedById: null } : undefined,
    });
    await input.alsoInTransaction?.(tx);
    if (comments.length) {
      await tx.reviewComment.createMany({ data: comments.map((c) => ({ revisionId: revision.id, authorId: input.admin.id, field: c.field, body: c.body })) });
    }
    return { organizationId: revision.registration.organizationId, clientName: revision.registration.clientName, status: to };
  });
}

/**
 * The instant-staging policy approves a submitted Staging revision that passed every check:
 * no claim, no person (decidedById stays null); the audit row keeps the check results.
 */
export async function approveByPolicy(input: {
  registrationId: string;
  revisionNumber: number;
  policyVersion: number;
  checks: Prisma.InputJsonValue;
  alsoInTransaction?: (tx: Tx) => Promise<void>;
}) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    const environment = await tx.registration.findUniqueOrThrow({ where: { id: input.registrationId }, select: { environment: true } });
    // Checked again inside the transaction, whatever the caller was told: never Production.
    if (environment.environment !== "STAGING") throw new DomainError("forbidden", "Production registrations are always reviewed by a person.");
    const now = new Date();
    await applyTransition(tx, {
      revision: revision.ref,
      action: "approve",
      actor: { kind: "policy" },
      person: { role: "policy" },
      summary: `The instant-staging policy approved revision ${revision.number}: it passed every check of policy version ${input.policyVersion}`,
      set: { decidedById: null, decidedAt: now, decisionNote: null },
      expect: { registration: { environment: "STAGING" } },
      registration: { autoApprovedAt: now, spotCheckedAt: null, spotCheckedById: null },
      after: { policyVersion: input.policyVersion, checks: input.checks },
    });
    await input.alsoInTransaction?.(tx);
    return { organizationId: revision.registration.organizationId, clientName: revision.registration.clientName };
  });
}

export async function addComment(input: { registrationId: string; revisionNumber: number; admin: Person; field: FieldName | null; body: string }) {
  if (!isUuid(input.registrationId)) throw new DomainError("not_found", "No such registration.");
  if (!input.body.trim()) throw new DomainError("invalid", "Write the comment first.");
  const client = await db();
  return client.$transaction(async (tx) => {
    const revision = await currentRevision(tx, input.registrationId, input.revisionNumber);
    if (revision.status === "DRAFT") throw new DomainError("conflict", "Drafts cannot be commented on.");
    await tx.reviewComment.create({
      data: { revisionId: revision.id, authorId: input.admin.id, field: input.field, body: input.body.trim() },
      select: { id: true },
    });
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
    const latest = await latestRevision(tx, input.organizationId, input.registrationId);
    await applyTransition(tx, {
      revision: latest,
      action: "withdraw",
      actor: { kind: "member" },
      person: asPartner(input.member),
      summary: `${input.member.name} withdrew revision ${latest.number}`,
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
    const draft = await (
      await db()
    ).revision.findFirst({
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
    const latest = await latestRevision(tx, input.organizationId, input.registrationId);
    if (latest.status === "DRAFT") return { number: latest.number };
    // A new draft is a new revision: the decided one keeps its state (and stays live if approved).
    const to = allowOrRefuse("new_draft", latest, { kind: "member" })!;
    const number = latest.number + 1;
    const copied = await tx.revision.findUniqueOrThrow({ where: { id: latest.id }, select: { data: true } });
    await tx.revision.create({
      data: {
        registrationId: input.registrationId,
        number,
        status: to,
        data: copied.data as Prisma.InputJsonValue,
        createdById: input.member.id,
        updatedById: input.member.id,
      },
      select: { id: true },
    });
    await syncStatuses(tx, input.registrationId, to);
    await recordAudit(tx, {
      actor: asPartner(input.member),
      action: AUDIT_ACTION.new_draft,
      summary: `${input.member.name} started revision ${number} from revision ${latest.number}`,
      organizationId: input.organizationId,
      registrationId: input.registrationId,
      revisionNumber: number,
      before: { status: latest.status },
      after: { status: to },
    });
    return { number };
  });
}

/** The latest revision of one of the organization's registrations, as the workflow needs it. */
export async function latestRevision(tx: Tx, organizationId: string, registrationId: string): Promise<RevisionRef> {
  const latest = await tx.revision.findFirst({
    where: { registrationId, registration: { organizationId } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, status: true, claimedById: true },
  });
  if (!latest) throw new DomainError("not_found", "No such registration.");
  return { ...latest, registrationId, organizationId };
}
