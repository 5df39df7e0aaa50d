import "server-only";
import type { z } from "zod";
import type { Person } from "@/lib/db/actors";
import { addComment, claimRevision, decideRevision, precheckDecision } from "@/lib/db/review";
import type { claimSchema, commentSchema, decisionSchema } from "@/lib/review/inputs";
import { provisionForApproval, type Provisioned } from "@/lib/domain/credentials";
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

async function decideRevisionAs(input: Omit<Parameters<typeof decideRevision>[0], "alsoInTransaction">) {
  // Approval provisions first, then records the approval, then notifies. If the server is
  // unreachable or refuses, nothing is recorded and the admin can retry.
  let provisioned: Provisioned | undefined;
  if (input.decision === "approve") {
    const pre = await precheckDecision(input.registrationId, input.revisionNumber, input.admin, "approve");
    provisioned = await provisionForApproval(input.registrationId, pre, input.admin, pre.organizationId);
  }
  let result;
  try {
    result = await decideRevision({ ...input, alsoInTransaction: provisioned?.writes });
  } catch (error) {
    await provisioned?.undo();
    throw error;
  }
  const event = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "changes_requested";
  await notifyOrganization(event, {
    organizationId: result.organizationId,
    registrationId: input.registrationId,
    clientName: result.clientName,
    note: input.note,
  });
  return result;
}
