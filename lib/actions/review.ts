"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { personOf } from "@/lib/db/actors";
import { editAgain, withdrawSubmission } from "@/lib/domain/registrations";
import { claim, comment, decide } from "@/lib/domain/review";
import { claimSchema, commentSchema, decisionSchema } from "@/lib/review/inputs";

export const claimAction = action("admin", claimSchema, async (input, { user }) => {
  await claim(personOf(user), input);
  return { ok: true, message: input.takeOver ? "You took over this review." : "You are now reviewing this revision." };
});

const DECIDED_WORDS: Record<string, string> = { APPROVED: "Approved", CHANGES_REQUESTED: "Changes requested", REJECTED: "Rejected" };

export const decisionAction = action("admin", decisionSchema, async (input, { user }) => {
  const result = await decide(personOf(user), input);
  return { ok: true, message: `${DECIDED_WORDS[result.status]}. The partner's organization was notified.` };
});

export const commentAction = action("admin", commentSchema, async (input, { user }) => {
  await comment(personOf(user), input);
  return { ok: true, message: "Comment added." };
});

const registrationOnly = z.object({ registrationId: z.uuid("Unknown registration.") });

export const withdrawAction = action("member", registrationOnly, async ({ registrationId }, { user }) => {
  await withdrawSubmission(user, registrationId);
  return { ok: true, message: "Submission withdrawn. Edit it and submit again whenever you are ready." };
});

export const editAgainAction = action("member", registrationOnly, async ({ registrationId }, { user }) => {
  await editAgain(user, registrationId);
  redirect(`/registrations/${registrationId}/edit/human`);
});
