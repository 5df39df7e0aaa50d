import "server-only";
import type { Person } from "@/lib/db/actors";
import { readPolicyRow, recordPolicyHold, savePolicyRow, markSpotChecked, type PolicyValues } from "@/lib/db/policy";
import { approveByPolicy } from "@/lib/db/review";
import { testConnectionCallbackUri } from "@/lib/domain/test-runs";
import { approveWithProvisioning } from "@/lib/domain/review";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { DomainError, describeError } from "@/lib/errors";
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { SCOPE_CATALOGUE } from "@/lib/registration/scopes";
import { evaluatePolicy, isWarningKind, WARNING_KINDS, type PolicyResult, type PolicySettings, type WarningKind } from "@/lib/review/policy";

// The instant-staging policy: admins read and save it (/admin/policy); a partner's submission
// is evaluated against it right after it is recorded. A Staging submission that passes every
// condition is approved at once by the policy actor and provisioned exactly like a human
// approval (approveWithProvisioning); otherwise it stays in the queue with the reasons.

export type PolicyView = PolicySettings & {
  /** 0: never saved (these are the deployment's defaults). */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
};

/** Read scopes only, the three review warnings blocking, no extra domains. */
function defaults(): PolicySettings {
  return {
    enabled: env().instantStagingDefault,
    allowedScopes: SCOPE_CATALOGUE.flatMap((g) => g.scopes.map((s) => s.name)).filter((s) => s.endsWith(":read")),
    blockingWarnings: Object.keys(WARNING_KINDS).filter((k): k is WarningKind => k !== "localhost_redirect"),
    allowedDomains: [],
  };
}

export async function getPolicy(): Promise<PolicyView> {
  const row = await readPolicyRow();
  if (!row) return { ...defaults(), version: 0, updatedAt: null, updatedBy: null };
  return { ...row, blockingWarnings: row.blockingWarnings.filter(isWarningKind) };
}

export type PolicyInput = { version: number; enabled: boolean; allowedScopes: string[]; blockingWarnings: string[]; allowedDomains: string[] };

const KNOWN_SCOPES = new Set(SCOPE_CATALOGUE.flatMap((g) => g.scopes.map((s) => s.name)));
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Saves the policy (audited); a conflict if another admin saved it since `input.version`. */
export async function savePolicy(admin: Person, input: PolicyInput) {
  const unknownScopes = input.allowedScopes.filter((s) => !KNOWN_SCOPES.has(s));
  if (unknownScopes.length)
    throw new DomainError("invalid", `Unknown scopes: ${unknownScopes.join(", ")}.`, { fieldErrors: { allowedScopes: ["Pick scopes from the list."] } });
  const unknownWarnings = input.blockingWarnings.filter((w) => !isWarningKind(w));
  if (unknownWarnings.length)
    throw new DomainError("invalid", "Pick blocking warnings from the list.", { fieldErrors: { blockingWarnings: ["Pick warnings from the list."] } });
  const domains = [...new Set(input.allowedDomains.map((d) => d.trim().toLowerCase().replace(/\.$/, "")).filter(Boolean))];
  const badDomain = domains.find((d) => !DOMAIN.test(d));
  if (badDomain) {
    throw new DomainError("invalid", "Some domains are not valid.", {
      fieldErrors: { allowedDomains: [`${badDomain} is not a domain name: write it like example.com, without https:// or a path.`] },
    });
  }
  const current = await getPolicy();
  const values: PolicyValues = {
    enabled: input.enabled,
    allowedScopes: [...new Set(input.allowedScopes)],
    blockingWarnings: [...new Set(input.blockingWarnings)],
    allowedDomains: domains,
  };
  const before: PolicyValues = {
    enabled: current.enabled,
    allowedScopes: current.allowedScopes,
    blockingWarnings: current.blockingWarnings,
    allowedDomains: current.allowedDomains,
  };
  return savePolicyRow({ version: input.version, values, before, admin });
}

export async function spotCheck(admin: Person, registrationId: string) {
  await markSpotChecked(registrationId, admin);
}

export type PolicyOutcome = { outcome: "off" } | { outcome: "approved" } | { outcome: "held"; reasons: string[] };

/** The policy's verdict on a submission (no writes): used after submitting, and by tests. */
export function evaluateSubmission(data: RegistrationData, environment: Environment, policy: PolicySettings): PolicyResult {
  return evaluatePolicy(data, { environment, brand: env().brandName, policy, portalCallback: testConnectionCallbackUri() });
}

/**
 * Runs the policy on a submission just recorded. Never throws for the partner's sake: the
 * submission is already in the queue, so any failure here leaves it there with the reason.
 */
export async function applyPolicyToSubmission(input: {
  organizationId: string;
  registrationId: string;
  revisionNumber: number;
  environment: Environment;
  data: RegistrationData;
}): Promise<PolicyOutcome> {
  const policy = await getPolicy();
  if (!policy.enabled) return { outcome: "off" };
  const result = evaluateSubmission(input.data, input.environment, policy);
  const checks = result.checks.map((c) => ({ id: c.id, passed: c.passed, message: c.message ?? null }));
  const hold = async (reasons: string[]) => {
    await recordPolicyHold({ ...input, reasons, checks });
    return { outcome: "held" as const, reasons };
  };
  if (!result.passed) return hold(result.reasons);
  try {
    await approveWithProvisioning(input, { actor: { kind: "policy" }, audit: { role: "policy" } }, (alsoInTransaction) =>
      approveByPolicy({ registrationId: input.registrationId, revisionNumber: input.revisionNumber, policyVersion: policy.version, checks, alsoInTransaction }),
    );
    return { outcome: "approved" };
  } catch (error) {
    // Provisioning failed (or an admin claimed it meanwhile): a person takes it from the queue,
    // and their approval provisions again.
    const described = describeError(error);
    if (!described) log.error("policy.approval_failed", { error: error instanceof Error ? error.stack : String(error) });
    const why = described?.message ?? "an unexpected error.";
    return hold([`It passed every check, but the automatic approval could not finish: ${why} An admin will approve it instead.`]);
  }
}
