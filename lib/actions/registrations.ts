"use server";
import { DomainError } from "@/lib/errors";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import {
  createRegistration,
  deleteUnsubmittedRegistration,
  duplicateRegistration,
  fromDbEnvironment,
  getDraft,
  saveDraft,
  submitDraft,
} from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { parseJsonText, refusalMessage } from "@/lib/http/clean-input";
import { emptyRegistration } from "@/lib/registration/fields";
import { parseManifest } from "@/lib/registration/manifest";
import { parseDraft, validateRegistration } from "@/lib/registration/schema";
import { personOf } from "@/lib/db/actors";
import { getLogoMeta } from "@/lib/db/logos";
import { ruleContext } from "@/lib/registration-server/context";
import { notifyAdminsOfSubmission, notifyOrganization } from "@/lib/review/notify";

const id = z.uuid("Unknown registration.");


export const createRegistrationAction = action(
  "member",
  z.object({ environment: z.enum(["staging", "production"], { message: "Choose Staging or Production." }) }),
  async ({ environment }, { user }) => {
    const created = await createRegistration({
      organizationId: user.membership.organization.id,
      member: personOf(user),
      environment,
      data: emptyRegistration(),
    });
    redirect(`/registrations/${created.id}/edit/human`);
  },
);

export const duplicateRegistrationAction = action("member", z.object({ registrationId: id }), async ({ registrationId }, { user }) => {
  const copy = await duplicateRegistration(user.membership.organization.id, registrationId, personOf(user));
  if (!copy) throw new DomainError("invalid", "That registration does not exist (any more).");
  redirect(`/registrations/${copy.id}/edit/human?duplicated=1`);
});

export const deleteRegistrationAction = action("member", z.object({ registrationId: id }), async ({ registrationId }, { user }) => {
  const deleted = await deleteUnsubmittedRegistration(user.membership.organization.id, registrationId, personOf(user));
  if (!deleted) {
    throw new DomainError("invalid", "Only drafts that were never submitted can be deleted; submitted registrations are kept for the record.");
  }
  return { ok: true, message: "Draft deleted." };
});

export type SaveDraftData = { version: number; savedAt: string };

/** The server-action twin of PUT /api/registrations/:id/draft (same rules, same conflict). */
export const saveDraftAction = action(
  "member",
  z.object({ registrationId: id, version: z.number().int().min(1), data: z.unknown(), force: z.boolean().optional() }),
  async ({ registrationId, version, data, force }, { user }) => {
    const draft = parseDraft(data);
    if (!draft.ok) throw new DomainError("invalid", draft.message, { code: "invalid_draft" });
    const result = await saveDraft({
      organizationId: user.membership.organization.id,
      registrationId,
      userId: user.id,
      version,
      data: draft.data,
      force,
    });
    if (result.status === "not_found") throw new DomainError("not_found", "This draft no longer exists or was already submitted.");
    if (result.status === "conflict") {
      throw new DomainError("conflict", `Someone saved this draft after you opened it${result.updatedBy ? ` (${result.updatedBy})` : ""}. Reload to see their changes, or overwrite them with yours.`);
    }
    return { ok: true, data: { version: result.version, savedAt: result.savedAt.toISOString() } satisfies SaveDraftData };
  },
);

export const submitRegistrationAction = action(
  "member",
  z.object({ registrationId: id, version: z.number().int().min(1) }),
  async ({ registrationId, version }, { user }) => {
    const organizationId = user.membership.organization.id;
    const draft = await getDraft(organizationId, registrationId);
    if (!draft) throw new DomainError("not_found", "This registration has no draft to submit: it may already have been submitted.");
    if (draft.version !== version) {
      throw new DomainError("conflict", "The draft changed since this page saved it. Reload, check the changes, and submit again.");
    }
    // Submit re-validates what is saved, strictly; the browser's view is never trusted.
    const result = validateRegistration(draft.data, ruleContext(fromDbEnvironment(draft.registration.environment)));
    if (result.data?.logoId && !(await getLogoMeta(organizationId, result.data.logoId))) {
      throw new DomainError("invalid", "Some fields need your attention before you can submit.", { fieldErrors: { logoId: ["Upload the logo again: this one is not available to your organization."] } });
    }
    if (!result.valid || !result.data) {
      throw new DomainError("invalid", "Some fields need your attention before you can submit.", { fieldErrors: result.fieldErrors });
    }
    const outcome = await submitDraft({
      organizationId,
      organizationName: user.membership.organization.name,
      registrationId,
      member: personOf(user),
      version,
      data: result.data,
    });
    if (outcome === "conflict") throw new DomainError("conflict", "The draft changed while submitting. Reload and try again.");
    if (outcome === "not_found") throw new DomainError("not_found", "This registration has no draft to submit.");
    const clientName = result.data.clientName;
    await notifyOrganization("submitted", { organizationId, registrationId, clientName });
    await notifyAdminsOfSubmission({ registrationId, clientName, organizationName: user.membership.organization.name });
    redirect(`/registrations/${registrationId}?submitted=1`);
  },
);

const MANIFEST_MAX_CHARS = 64 * 1024;

export const importManifestAction = action(
  "member",
  z.object({ manifest: z.string().min(1, "Paste or choose a manifest file.").max(MANIFEST_MAX_CHARS, "Manifests are at most 64 KB.") }),
  async ({ manifest }, { user }) => {
    // The manifest's own strings arrive as JSON escapes ("\u0000"), so they get the input rule here.
    const json = parseJsonText(manifest);
    if (!json.ok && "syntax" in json) {
      throw new DomainError("invalid", "This is not valid JSON. Export a manifest from the portal, or check the file for typos.", { fieldErrors: {
        manifest: ["This is not valid JSON."],
      } });
    }
    if (!json.ok) {
      const message = refusalMessage(json.refusal, "the manifest");
      throw new DomainError("invalid", message, { fieldErrors: { manifest: [message] }, code: "invalid_input" });
    }
    const parsed = parseManifest(json.value, { requireLogo: false, defaultEnvironment: "staging", brand: env().brandName });
    if (!parsed.ok) {
      throw new DomainError("invalid", parsed.errorDescription, { fieldErrors: parsed.fieldErrors, code: parsed.error });
    }
    const created = await createRegistration({
      organizationId: user.membership.organization.id,
      member: personOf(user),
      environment: parsed.environment,
      data: parsed.data,
      how: "imported",
    });
    redirect(`/registrations/${created.id}/edit/human?imported=1`);
  },
);
