import "server-only";
import type { MemberUser } from "@/lib/auth/guards";
import { personOf } from "@/lib/db/actors";
import { getLogoMeta } from "@/lib/db/logos";
import * as store from "@/lib/db/registrations";
import { startNewDraft, withdrawRevision } from "@/lib/db/review";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { DomainError } from "@/lib/errors";
import { parseJsonText, refusalMessage } from "@/lib/http/clean-input";
import { emptyRegistration, type Environment } from "@/lib/registration/fields";
import { parseManifest } from "@/lib/registration/manifest";
import { READINESS_DAYS, READINESS_MS } from "@/lib/registration/promotion";
import { parseDraft, validateRegistration } from "@/lib/registration/schema";
import { ruleContext } from "@/lib/registration-server/context";
import { notifyAdminsOfSubmission, notifyOrganization } from "@/lib/review/notify";
import { applyPolicyToSubmission, type PolicyOutcome } from "@/lib/domain/policy";

// The registration aggregate's operations for its partner members: create, save, submit,
// withdraw, edit again, duplicate, delete, import. Server actions and route handlers call these
// and nothing below them; each refusal is a DomainError. The writes and their transitions are
// in lib/db (registrations.ts and review.ts, through transitions.ts); the admin's side of the
// workflow is lib/domain/review.ts.

const orgOf = (member: MemberUser) => member.membership.organization;

export async function createDraftRegistration(member: MemberUser, environment: Environment) {
  return store.createRegistration({ organizationId: orgOf(member).id, member: personOf(member), environment, data: emptyRegistration() });
}

export async function duplicateRegistration(member: MemberUser, registrationId: string) {
  const copy = await store.duplicateRegistration(orgOf(member).id, registrationId, personOf(member));
  if (!copy) throw new DomainError("invalid", "That registration does not exist (any more).");
  return copy;
}

export async function deleteDraftRegistration(member: MemberUser, registrationId: string) {
  if (!(await store.deleteUnsubmittedRegistration(orgOf(member).id, registrationId, personOf(member)))) {
    throw new DomainError("invalid", "Only drafts that were never submitted can be deleted; submitted registrations are kept for the record.");
  }
}

/** Autosave with optimistic concurrency; `force` overwrites after the partner saw the conflict. */
export async function saveDraft(member: MemberUser, registrationId: string, input: { version: number; data: unknown; force?: boolean }) {
  const draft = parseDraft(input.data);
  if (!draft.ok) throw new DomainError("invalid", draft.message, { code: "invalid_draft" });
  const result = await store.saveDraft({
    organizationId: orgOf(member).id,
    registrationId,
    userId: member.id,
    version: input.version,
    data: draft.data,
    force: input.force,
  });
  if (result.status === "not_found") throw new DomainError("not_found", "This draft no longer exists or was already submitted.");
  if (result.status === "conflict") {
    throw new DomainError("conflict", "Someone saved this draft after you loaded it. Reload to see their changes, or overwrite them.", {
      extra: { current_version: result.currentVersion, updated_at: result.updatedAt.toISOString(), updated_by: result.updatedBy },
    });
  }
  return { version: result.version, savedAt: result.savedAt };
}

/**
 * Submits the saved draft at `version` for review, after validating it strictly on the server;
 * then the instant-staging policy may approve it at once (lib/domain/policy.ts).
 */
export async function submitRegistration(member: MemberUser, registrationId: string, version: number): Promise<PolicyOutcome> {
  const organization = orgOf(member);
  const draft = await store.getDraft(organization.id, registrationId);
  if (!draft) throw new DomainError("not_found", "This registration has no draft to submit: it may already have been submitted.");
  if (draft.version !== version) {
    throw new DomainError("conflict", "The draft changed since this page saved it. Reload, check the changes, and submit again.");
  }
  // The browser's view is never trusted: what is saved is validated again, strictly.
  const result = validateRegistration(draft.data, ruleContext(store.fromDbEnvironment(draft.registration.environment)));
  const needsAttention = "Some fields need your attention before you can submit.";
  if (result.data?.logoId && !(await getLogoMeta(organization.id, result.data.logoId))) {
    throw new DomainError("invalid", needsAttention, { fieldErrors: { logoId: ["Upload the logo again: this one is not available to your organization."] } });
  }
  if (!result.valid || !result.data) throw new DomainError("invalid", needsAttention, { fieldErrors: result.fieldErrors });
  if (draft.registration.promotedFromId) await requireRecentPassingRun(draft.registration.promotedFromId);
  const outcome = await store.submitDraft({
    organizationId: organization.id,
    organizationName: organization.name,
    registrationId,
    member: personOf(member),
    version,
    data: result.data,
  });
  if (outcome === "conflict") throw new DomainError("conflict", "The draft changed while submitting. Reload and try again.");
  if (outcome === "not_found") throw new DomainError("not_found", "This registration has no draft to submit.");
  const clientName = result.data.clientName;
  const policy = await applyPolicyToSubmission({
    organizationId: organization.id,
    registrationId,
    revisionNumber: draft.number,
    environment: store.fromDbEnvironment(draft.registration.environment),
    data: result.data,
  }).catch((error: unknown): PolicyOutcome => {
    // The submission is recorded: whatever went wrong here, it waits in the queue for a person.
    log.error("policy.failed", { error: error instanceof Error ? error.stack : String(error) });
    return { outcome: "off" };
  });
  if (policy.outcome === "approved") {
    await notifyOrganization("approved", { organizationId: organization.id, registrationId, clientName, note: null });
    return policy;
  }
  await notifyOrganization("submitted", { organizationId: organization.id, registrationId, clientName });
  await notifyAdminsOfSubmission({ registrationId, clientName, organizationName: organization.name });
  return policy;
}

/**
 * Readiness of a promoted registration: its staging client passed a Test connection within the
 * last READINESS_DAYS days, so what goes to Production is known to work end to end.
 */
async function requireRecentPassingRun(stagingId: string) {
  const run = await store.latestPassingRun(stagingId, READINESS_MS);
  if (!run) {
    throw new DomainError(
      "invalid",
      `Before submitting to Production, run Test connection on the Staging registration and see it pass: the last passing run must be from the last ${READINESS_DAYS} days.`,
      { code: "not_ready" },
    );
  }
}

/**
 * "Prepare for Production" on an approved Staging registration: the linked Production
 * registration, created with a draft copied from the approved revision, or the one made earlier.
 */
export async function prepareForProduction(member: MemberUser, stagingId: string): Promise<{ id: string; created: boolean }> {
  const result = await store.promoteToProduction(orgOf(member).id, stagingId, personOf(member));
  switch (result.status) {
    case "created":
    case "existing":
      return { id: result.id, created: result.status === "created" };
    case "not_found":
      throw new DomainError("not_found", "That registration does not exist (any more).");
    case "not_staging":
      throw new DomainError("invalid", "Only Staging registrations can be prepared for Production.");
    case "revoked":
      throw new DomainError("invalid", "This registration's client was revoked: it cannot be prepared for Production.");
    case "not_approved":
      throw new DomainError("invalid", "Only an approved Staging registration can be prepared for Production: wait for the approval first.");
  }
}

export async function withdrawSubmission(member: MemberUser, registrationId: string) {
  await withdrawRevision({ organizationId: orgOf(member).id, registrationId, member: personOf(member) });
}

/** A new draft from the latest decided or withdrawn revision (the existing draft if there is one). */
export async function editAgain(member: MemberUser, registrationId: string) {
  return startNewDraft({ organizationId: orgOf(member).id, registrationId, member: personOf(member) });
}

/** A new draft registration from an exported (RFC 7591 style) manifest's text. */
export async function importManifest(member: MemberUser, manifest: string) {
  // The manifest's own strings arrive as JSON escapes ("\u0000"), so they get the input rule here.
  const json = parseJsonText(manifest);
  if (!json.ok && "syntax" in json) {
    throw new DomainError("invalid", "This is not valid JSON. Export a manifest from the portal, or check the file for typos.", {
      fieldErrors: { manifest: ["This is not valid JSON."] },
    });
  }
  if (!json.ok) {
    const message = refusalMessage(json.refusal, "the manifest");
    throw new DomainError("invalid", message, { fieldErrors: { manifest: [message] }, code: "invalid_input" });
  }
  const parsed = parseManifest(json.value, { requireLogo: false, defaultEnvironment: "staging", brand: env().brandName });
  if (!parsed.ok) throw new DomainError("invalid", parsed.errorDescription, { fieldErrors: parsed.fieldErrors, code: parsed.error });
  return store.createRegistration({
    organizationId: orgOf(member).id,
    member: personOf(member),
    environment: parsed.environment,
    data: parsed.data,
    how: "imported",
  });
}
