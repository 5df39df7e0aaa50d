"use server";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { personOf } from "@/lib/db/actors";
import { addComment, startNewDraft, withdrawRevision } from "@/lib/db/review";
import { redirect } from "next/navigation";
import { claimSchema, commentSchema, decisionSchema } from "@/lib/review/inputs";
import { claim, decide } from "@/lib/review/service";

export const claimAction = action("admin", claimSchema, async (input, { user }) => {
  await claim({ registrationId: input.registrationId, revisionNumber: input.revision, admin: personOf(user), takeOver: input.takeOver });
  return { ok: true, message: input.takeOver ? "You took over this review." : "You are now reviewing this revision." };
});

export const decisionAction = action("admin", decisionSchema, async (input, { user }) => {
  const result = await decide({
    registrationId: input.registrationId,
    revisionNumber: input.revision,
    admin: personOf(user),
    decision: input.decision,
    note: input.note ?? null,
    comments: input.comments,
  });
  const words = { APPROVED: "Approved", CHANGES_REQUESTED: "Changes requested", REJECTED: "Rejected" } as Record<string, string>;
  return { ok: true, message: `${words[result.status]}. The partner's organization was notified.` };
});

export const commentAction = action("admin", commentSchema, async (input, { user }) => {
  await addComment({ registrationId: input.registrationId, revisionNumber: input.revision, admin: personOf(user), field: input.field ?? null, body: input.body });
  return { ok: true, message: "Comment added." };
});

const registrationOnly = z.object({ registrationId: z.uuid("Unknown registration.") });

export const withdrawAction = action("member", registrationOnly, async ({ registrationId }, { user }) => {
  await withdrawRevision({ organizationId: user.membership.organization.id, registrationId, member: personOf(user) });
  return { ok: true, message: "Submission withdrawn. Edit it and submit again whenever you are ready." };
});

export const editAgainAction = action("member", registrationOnly, async ({ registrationId }, { user }) => {
  await startNewDraft({ organizationId: user.membership.organization.id, registrationId, member: personOf(user) });
  redirect(`/registrations/${registrationId}/edit/human`);
});
