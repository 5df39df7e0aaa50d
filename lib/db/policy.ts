import "server-only";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { asAdmin, type Person } from "./actors";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { db } from "./index";
import { isUuid } from "./ids";

// The instant-staging policy's storage: its one row (saved compare-and-set on `version`), the
// reasons a submission was held for a person, and the admins' spot checks. Each write records
// its audit row in the same transaction.

export type PolicyValues = { enabled: boolean; allowedScopes: string[]; blockingWarnings: string[]; allowedDomains: string[] };
export type PolicyRow = PolicyValues & { version: number; updatedAt: Date; updatedBy: string | null };

export const POLICY_CHANGED_MEANWHILE = "Another admin saved the policy after you opened it. Reload to see their version, then make your change again.";

export async function readPolicyRow(): Promise<PolicyRow | null> {
  const row = await (await db()).policy.findUnique({ where: { id: 1 } });
  if (!row) return null;
  const by = row.updatedById ? await (await db()).user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return {
    enabled: row.enabled,
    allowedScopes: row.allowedScopes,
    blockingWarnings: row.blockingWarnings,
    allowedDomains: row.allowedDomains,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: by?.name ?? null,
  };
}

/**
 * Saves the policy if nobody saved it since `version` (0: never saved, the defaults were shown).
 * `before` is what the admin saw, for the audit row.
 */
export async function savePolicyRow(input: { version: number; values: PolicyValues; before: PolicyValues; admin: Person }): Promise<{ version: number }> {
  const client = await db();
  try {
    return await client.$transaction(async (tx) => {
      let version: number;
      if (input.version === 0) {
        // Two first saves at once: the primary key lets one in.
        await tx.policy.create({ data: { id: 1, version: 1, ...input.values, updatedById: input.admin.id }, select: { id: true } });
        version = 1;
      } else {
        const { count } = await tx.policy.updateMany({
          where: { id: 1, version: input.version },
          data: { ...input.values, version: { increment: 1 }, updatedById: input.admin.id },
        });
        if (count !== 1) throw new DomainError("conflict", POLICY_CHANGED_MEANWHILE);
        version = input.version + 1;
      }
      await recordAudit(tx, {
        actor: asAdmin(input.admin),
        action: "policy.updated",
        summary: `${input.admin.name} saved version ${version} of the instant-staging policy (${input.values.enabled ? "on" : "off"})`,
        before: { ...input.before, version: input.version },
        after: { ...input.values, version },
      });
      return { version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", POLICY_CHANGED_MEANWHILE);
    throw error;
  }
}

/** Records why the policy sent a submission to a person (the partner and the admins see it). */
export async function recordPolicyHold(input: {
  organizationId: string;
  registrationId: string;
  revisionNumber: number;
  reasons: string[];
  checks: Prisma.InputJsonValue;
}) {
  const client = await db();
  await client.$transaction(async (tx) => {
    const { count } = await tx.revision.updateMany({
      where: { registrationId: input.registrationId, number: input.revisionNumber, registration: { organizationId: input.organizationId } },
      data: { policyHold: input.reasons },
    });
    if (count !== 1) return; // deleted meanwhile: nothing to explain
    await recordAudit(tx, {
      actor: { role: "policy" },
      action: "revision.held_for_review",
      summary: `The instant-staging policy sent revision ${input.revisionNumber} to a person: ${input.reasons.join(" ")}`,
      organizationId: input.organizationId,
      registrationId: input.registrationId,
      revisionNumber: input.revisionNumber,
      after: { reasons: input.reasons, checks: input.checks },
    });
  });
}

/** Reads a revision's hold reasons: a list of sentences, or none (lenient: rows are never rewritten). */
export function readPolicyHold(json: unknown): string[] {
  return Array.isArray(json) ? json.filter((r): r is string => typeof r === "string") : [];
}

/** Why the policy held the latest submitted revision of one of the organization's registrations. */
export async function getPolicyHold(organizationId: string, registrationId: string): Promise<{ revisionNumber: number; reasons: string[] } | null> {
  if (!isUuid(registrationId)) return null;
  const revision = await (
    await db()
  ).revision.findFirst({
    where: { registrationId, registration: { organizationId }, status: { not: "DRAFT" } },
    orderBy: { number: "desc" },
    select: { number: true, policyHold: true },
  });
  const reasons = readPolicyHold(revision?.policyHold);
  return revision && reasons.length ? { revisionNumber: revision.number, reasons } : null;
}

/** An admin has looked at an auto-approved registration's configuration. */
export async function markSpotChecked(registrationId: string, admin: Person) {
  if (!isUuid(registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  await client.$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({
      where: { id: registrationId },
      select: { organizationId: true, clientName: true, autoApprovedAt: true, spotCheckedAt: true },
    });
    if (!registration) throw new DomainError("not_found", "No such registration.");
    if (!registration.autoApprovedAt) throw new DomainError("conflict", "This registration's live configuration was approved by a person, not by the policy.");
    if (registration.spotCheckedAt) throw new DomainError("conflict", "Another admin already marked this registration as spot-checked.");
    const { count } = await tx.registration.updateMany({
      where: { id: registrationId, spotCheckedAt: null, autoApprovedAt: registration.autoApprovedAt },
      data: { spotCheckedAt: new Date(), spotCheckedById: admin.id },
    });
    if (count !== 1) throw new DomainError("conflict", "This registration changed a moment ago. Reload to see where it stands.");
    await recordAudit(tx, {
      actor: asAdmin(admin),
      action: "registration.spot_checked",
      summary: `${admin.name} spot-checked the auto-approved configuration of ${registration.clientName || "this registration"}`,
      organizationId: registration.organizationId,
      registrationId,
    });
  });
}
