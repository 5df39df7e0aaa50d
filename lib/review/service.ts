import "server-only";
import { claimRevision, decideRevision, type DecisionKind, type FieldComment, type Person } from "@/lib/db/review";
import { notifyOrganization } from "./notify";

// Review operations shared by the admin pages' server actions and the JSON API, so both
// follow exactly the same rules and notify the same way.

export async function claim(input: { registrationId: string; revisionNumber: number; admin: Person; takeOver?: boolean }) {
  await claimRevision(input);
}

export async function decide(input: {
  registrationId: string;
  revisionNumber: number;
  admin: Person;
  decision: DecisionKind;
  note: string | null;
  comments: FieldComment[];
}) {
  const result = await decideRevision(input);
  const event = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "changes_requested";
  await notifyOrganization(event, {
    organizationId: result.organizationId,
    registrationId: input.registrationId,
    clientName: result.clientName,
    note: input.note,
  });
  return result;
}
