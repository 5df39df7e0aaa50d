import "server-only";
import type { Person } from "@/lib/db/actors";
import { claimRevision, decideRevision, precheckDecision } from "@/lib/db/review";
import { provisionForApproval, type Provisioned } from "@/lib/domain/credentials";
import { notifyOrganization } from "./notify";

// Review operations shared by the admin pages' server actions and the JSON API, so both
// follow exactly the same rules and notify the same way.

export async function claim(input: { registrationId: string; revisionNumber: number; admin: Person; takeOver?: boolean }) {
  await claimRevision(input);
}

export async function decide(input: Omit<Parameters<typeof decideRevision>[0], "alsoInTransaction">) {
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
