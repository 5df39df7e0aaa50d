import "server-only";
import type { z } from "zod";
import { asAdmin, type Person, type Tx } from "@/lib/db/actors";
import type { AuditActor } from "@/lib/db/audit";
import { addComment, claimRevision, decideRevision, precheckDecision } from "@/lib/db/review";
import type { claimSchema, commentSchema, decisionSchema } from "@/lib/review/inputs";
import { provisionForApproval } from "@/lib/domain/credentials";
import type { Actor } from "@/lib/review/state-machine";
import { notifyOrganization } from "@/lib/review/notify";

// The review's operations for platform admins: claim (or take over), decide, comment. The
// admin pages' server actions and the JSON API both call these, with the input their shared
// schemas (lib/review/inputs.ts) parsed, so both follow the same rules and notify the same way.

export async function claim(admin: Person, input: z.output<typeof claimSchema>) {
  await claimRevision({ registrationId: input.registrationId, revisionNumber: input.revision, admin, takeOver: input.takeOver });
}

export async function decide(admin: Person, decision: z.output<typeof decisionSchema>) {
  return decideRevisionAs({
    registrationId: decision.registrationId,
    revisionNumber: decision.revision,
    admin,
    decision: decision.decision,
    note: decision.note ?? null,
    comments: decision.comments,
  });
}

export async function comment(admin: Person, input: z.output<typeof commentSchema>) {
  await addComment({ registrationId: input.registrationId, revisionNumber: input.revision, admin, field: input.field ?? null, body: input.body });
}

/**
 * An approval, by an admin or by the instant-staging policy: provisions first, then records the
 * approval (`record`, one transaction that also stores the client), undoing the provisioning if
 * that fails. If the server is unreachable or refuses, nothing is recorded and the approval can
 * be tried again.
 */
export async function approveWithProvisioning<T>(
  target: { registrationId: string; revisionNumber: number },
  approver: { actor: Actor; audit: AuditActor },
  record: (alsoInTransaction: (tx: Tx) => Promise<void>) => Promise<T>,
): Promise<T> {
  const pre = await precheckDecision(target.registrationId, target.revisionNumber, approver.actor, "approve");
  const provisioned = await provisionForApproval(target.registrationId, pre, approver.audit, pre.organizationId);
  try {
    return await record(provisioned.writes);
  } catch (error) {
    await provisioned.undo();
    throw error;
  }
}

async function decideRevisionAs(input: Omit<Parameters<typeof decideRevision>[0], "alsoInTransaction">) {
  // Approval provisions first, then records the approval, then notifies.
  const result =
    input.decision === "approve"
      ? await approveWithProvisioning(input, { actor: { kind: "admin", userId: input.admin.id }, audit: asAdmin(input.admin) }, (alsoInTransaction) =>
          decideRevision({ ...input, alsoInTransaction }),
        )
      : await decideRevision(input);
  const event = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "changes_requested";
  await notifyOrganization(event, {
    organizationId: result.organizationId,
    registrationId: input.registrationId,
    clientName: result.clientName,
    note: input.note,
  });
  return result;
}
