"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import {
  createDraftRegistration,
  deleteDraftRegistration,
  duplicateRegistration,
  importManifest,
  prepareForProduction,
  submitRegistration,
} from "@/lib/domain/registrations";

const id = z.uuid("Unknown registration.");
const MANIFEST_MAX_CHARS = 64 * 1024;

export const createRegistrationAction = action(
  "member",
  z.object({ environment: z.enum(["staging", "production"], { message: "Choose Staging or Production." }) }),
  async ({ environment }, { user }) => {
    const created = await createDraftRegistration(user, environment);
    redirect(`/registrations/${created.id}/edit/human`);
  },
);

export const duplicateRegistrationAction = action("member", z.object({ registrationId: id }), async ({ registrationId }, { user }) => {
  const copy = await duplicateRegistration(user, registrationId);
  redirect(`/registrations/${copy.id}/edit/human?duplicated=1`);
});

export const deleteRegistrationAction = action("member", z.object({ registrationId: id }), async ({ registrationId }, { user }) => {
  await deleteDraftRegistration(user, registrationId);
  return { ok: true, message: "Draft deleted." };
});

export const submitRegistrationAction = action(
  "member",
  z.object({ registrationId: id, version: z.number().int().min(1) }),
  async ({ registrationId, version }, { user }) => {
    await submitRegistration(user, registrationId, version);
    redirect(`/registrations/${registrationId}?submitted=1`);
  },
);

export const importManifestAction = action(
  "member",
  z.object({ manifest: z.string().min(1, "Paste or choose a manifest file.").max(MANIFEST_MAX_CHARS, "Manifests are at most 64 KB.") }),
  async ({ manifest }, { user }) => {
    const created = await importManifest(user, manifest);
    redirect(`/registrations/${created.id}/edit/human?imported=1`);
  },
);

/** Opens the linked Production registration's draft, creating it on the first click. */
export const prepareForProductionAction = action("member", z.object({ registrationId: id }), async ({ registrationId }, { user }) => {
  const production = await prepareForProduction(user, registrationId);
  redirect(`/registrations/${production.id}/edit/human${production.created ? "?promoted=1" : ""}`);
});
