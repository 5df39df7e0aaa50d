import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError } from "@/lib/errors";
import { AUDIT_ACTION, authorize, registrationStatuses, type Actor, type ReviewAction, type RevisionState } from "@/lib/review/state-machine";
import type { Tx } from "./actors";
import { recordAudit, type AuditActor } from "./audit";

// The one write path of the revision workflow. Every state change of a revision comes here,
// inside the transaction of the operation that asked for it: the state machine decides whether
// the actor may, and to which state; a compare-and-set moves the revision, so of two people
// acting at once exactly one wins (the other gets a conflict); the registration's copies of
// the status follow; and the audit row is written. None of these steps exists anywhere else.

export type RevisionRef = {
  id: string;
  number: number;
  status: RevisionState;
  claimedById: string | null;
  registrationId: string;
  organizationId: string;
};

export const CHANGED_MEANWHILE = "Someone else changed this revision a moment ago. Reload to see where it stands.";

/** Refuses unless the state machine allows `action`; returns the state it leads to. */
export function allowOrRefuse(action: ReviewAction, revision: Pick<RevisionRef, "status" | "claimedById">, actor: Actor): RevisionState | null {
  const decision = authorize(action, revision.status, actor, revision.claimedById);
  if (!decision.ok) throw new DomainError(decision.reason === "forbidden" ? "forbidden" : "conflict", decision.message);
  return decision.to;
}

/** Keeps Registration.latestStatus and reviewStatus in step with a revision now in `to`. */
export async function syncStatuses(tx: Tx, registrationId: string, to: RevisionState, extra: Prisma.RegistrationUpdateInput = {}) {
  await tx.registration.update({ where: { id: registrationId }, data: { ...registrationStatuses(to), ...extra }, select: { id: true } });
}

export async function applyTransition(
  tx: Tx,
  input: {
    revision: RevisionRef;
    action: Exclude<ReviewAction, "new_draft" | "delete_draft">;
    actor: Actor;
    person: AuditActor;
    summary: string;
    /** More columns of the revision to set, and more conditions for the compare-and-set. */
    set?: Prisma.RevisionUncheckedUpdateManyInput;
    expect?: Prisma.RevisionWhereInput;
    /** More columns of the registration to set with its statuses. */
    registration?: Prisma.RegistrationUpdateInput;
    /** What the audit row adds to {status} before and after. */
    before?: Record<string, Prisma.InputJsonValue | null>;
    after?: Record<string, Prisma.InputJsonValue | null>;
  },
): Promise<RevisionState> {
  const { revision } = input;
  const to = allowOrRefuse(input.action, revision, input.actor);
  if (!to) throw new Error(`${input.action} has no target state`);
  const { count } = await tx.revision.updateMany({
    where: { id: revision.id, status: revision.status, claimedById: revision.claimedById, ...input.expect },
    data: { ...input.set, status: to },
  });
  if (count !== 1) throw new DomainError("conflict", CHANGED_MEANWHILE);
  await syncStatuses(tx, revision.registrationId, to, input.registration);
  await recordAudit(tx, {
    actor: input.person,
    action: AUDIT_ACTION[input.action],
    summary: input.summary,
    organizationId: revision.organizationId,
    registrationId: revision.registrationId,
    revisionNumber: revision.number,
    before: { status: revision.status, ...input.before },
    after: { status: to, ...input.after },
  });
  return to;
}
