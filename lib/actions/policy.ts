"use server";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { personOf } from "@/lib/db/actors";
import { savePolicy, spotCheck } from "@/lib/domain/policy";

// The instant-staging policy's admin actions: save it (/admin/policy) and mark an auto-approved
// registration as spot-checked (the review page).

const list = z.array(z.string().max(253)).max(200);

export const savePolicyAction = action(
  "admin",
  z.object({
    version: z.number().int().min(0),
    enabled: z.boolean(),
    allowedScopes: list,
    blockingWarnings: list,
    allowedDomains: list,
  }),
  async (input, { user }) => {
    const saved = await savePolicy(personOf(user), input);
    return { ok: true, message: `Policy saved (version ${saved.version}).` };
  },
);

export const spotCheckAction = action("admin", z.object({ registrationId: z.uuid("Unknown registration.") }), async ({ registrationId }, { user }) => {
  await spotCheck(personOf(user), registrationId);
  return { ok: true, message: "Marked as spot-checked." };
});
