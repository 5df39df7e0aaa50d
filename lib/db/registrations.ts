import "server-only";
import type { Environment as DbEnvironment } from "@/lib/generated/prisma/client";
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { readStoredDraft, type StoredDraft } from "@/lib/registration/stored";
import { truncateText } from "@/lib/text/unicode";
import { recordAudit } from "./audit";
import { database, db } from "./index";
import { isUniqueViolation } from "./errors";
import { isUuid } from "./ids";
import { AUDIT_ACTION, authorize } from "@/lib/review/state-machine";
import { asPartner, type Person } from "./actors";
import { applyTransition } from "./transitions";

// Registrations of one organization. Every query names the organization in its where clause;
// callers pass the signed-in member's organization.

const toDbEnvironment = (e: Environment): DbEnvironment => (e === "production" ? "PRODUCTION" : "STAGING");
export const fromDbEnvironment = (e: DbEnvironment): Environment => (e === "PRODUCTION" ? "production" : "staging");

export async function listRegistrations(organizationId: string) {
  return (await db()).registration.findMany({
    where: { organizationId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, environment: true, clientName: true, latestStatus: true, everSubmitted: true, updatedAt: true },
  });
}

export async function createRegistration(input: {
  organizationId: string;
  member: Person;
  environment: Environment;
  data: RegistrationData;
  how?: "created" | "duplicated" | "imported" | "prepared for Production from Staging";
  promotedFromId?: string;
}) {
  const client = await db();
  return client.$transaction(async (tx) => {
    const created = await tx.registration.create({
      data: {
        organizationId: input.organizationId,
        environment: toDbEnvironment(input.environment),
        createdById: input.member.id,
        clientName: input.data.clientName.trim(),
        promotedFromId: input.promotedFromId,
        revisions: { create: { number: 1, data: input.data, createdById: input.member.id, updatedById: input.member.id } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: { ...input.member, role: "partner" },
      action: "registration.created",
      summary: `${input.member.name} ${input.how ?? "created"} a ${input.environment} registration`,
      organizationId: input.organizationId,
      registrationId: created.id,
      revisionNumber: 1,
      after: { status: "DRAFT", environment: input.environment, ...(input.promotedFromId ? { promotedFromId: input.promotedFromId } : {}) },
    });
    return created;
  });
}

const revisionSelect = {
  id: true,
  number: true,
  status: true,
  data: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  updatedBy: { select: { name: true } },
  submittedBy: { select: { name: true } },
  decidedAt: true,
  decisionNote: true,
  decidedBy: { select: { name: true } },
  comments: { orderBy: { createdAt: "asc" }, select: { id: true, field: true, body: true, createdAt: true, author: { select: { name: true } } } },
} as const;

/** The registration with its revisions, newest first; null when it is not this organization's. */
export async function getRegistration(organizationId: string, id: string) {
  if (!isUuid(id)) return null;
  const row = await (
    await db()
  ).registration.findFirst({
    where: { id, organizationId },
    select: {
      id: true,
      environment: true,
      clientName: true,
      latestStatus: true,
      everSubmitted: true,
      createdAt: true,
      updatedAt: true,
      revokedAt: true,
      promotedFrom: { select: { id: true, clientName: true } },
      promotedTo: { select: { id: true, clientName: true } },
      revisions: { orderBy: { number: "desc" }, select: revisionSelect },
    },
  });
  return row && { ...row, revisions: row.revisions.map(withStoredDraft) };
}

/** A revision row with its data read from the stored JSON, and what of it could not be read. */
export function withStoredDraft<T extends { data: unknown }>(revision: T): Omit<T, "data"> & StoredDraft {
  return { ...revision, ...readStoredDraft(revision.data) };
}

/** The open draft of a registration, if any. Its data stays as stored: submit validates exactly that, strictly. */
export async function getDraft(organizationId: string, registrationId: string) {
  if (!isUuid(registrationId)) return null;
  return (await db()).revision.findFirst({
    where: { registrationId, status: "DRAFT", registration: { organizationId } },
    select: { ...revisionSelect, registration: { select: { environment: true, promotedFromId: true } } },
  });
}

export type SaveResult =
  | { status: "saved"; version: number; savedAt: Date }
  | { status: "conflict"; currentVersion: number; updatedAt: Date; updatedBy: string | null }
  | { status: "not_found" };

/**
 * Saves a draft if nobody saved it since `version` (optimistic concurrency). With `force`,
 * overwrites whatever is there: the partner chose their copy after seeing the conflict.
 */
export async function saveDraft(input: {
  organizationId: string;
  registrationId: string;
  userId: string;
  version: number;
  data: RegistrationData;
  force?: boolean;
}): Promise<SaveResult> {
  if (!isUuid(input.registrationId)) return { status: "not_found" };
  const savedAt = new Date();
  // One statement on the hot path (autosave every few seconds per open wizard): the draft's
  // version check and write, and the registration's client name for the lists, atomically.
  // The Prisma form took six round trips in a transaction (BEGIN, update, read back, its
  // author, the name, COMMIT), and Prisma's client itself cost about a quarter of a save's CPU,
  // so it runs as Database.statement (BENCHMARKS.md, autosave). Timestamps are written as UTC
  // wall time, as Prisma stores DateTime in timestamp(3) columns.
  const stamp = savedAt.toISOString();
  const saved = await (
    await database()
  ).statement<{ version: number }>(
    `WITH saved AS (
      UPDATE "Revision" AS r
      SET "data" = $1::jsonb, "version" = r."version" + 1, "updatedById" = $2::uuid, "updatedAt" = $3::timestamp
      FROM "Registration" AS g
      WHERE r."registrationId" = $4::uuid AND r."status" = 'DRAFT'
        AND g."id" = r."registrationId" AND g."organizationId" = $5::uuid
        AND ($6::boolean OR r."version" = $7::int)
      RETURNING r."version", r."registrationId"
    ), named AS (
      UPDATE "Registration" AS g SET "clientName" = $8, "updatedAt" = $3::timestamp
      FROM saved WHERE g."id" = saved."registrationId"
    )
    SELECT "version" FROM saved`,
    [
      JSON.stringify(input.data),
      input.userId,
      stamp,
      input.registrationId,
      input.organizationId,
      Boolean(input.force),
      input.version,
      truncateText(input.data.clientName.trim(), 200),
    ],
  );
  if (saved[0]) return { status: "saved", version: Number(saved[0].version), savedAt };
  // Refused: say why (no draft, or someone else's newer save) from the row as it is now.
  const current = await (
    await db()
  ).revision.findFirst({
    where: { registrationId: input.registrationId, status: "DRAFT", registration: { organizationId: input.organizationId } },
    select: { version: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  if (!current) return { status: "not_found" };
  return { status: "conflict", currentVersion: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy?.name ?? null };
}

/** Freezes the draft as submitted. `data` is the strictly validated copy of the saved draft. */
export async function submitDraft(input: {
  organizationId: string;
  organizationName: string;
  registrationId: string;
  member: Person;
  version: number;
  data: RegistrationData;
}): Promise<"submitted" | "conflict" | "not_found"> {
  if (!isUuid(input.registrationId)) return "not_found";
  const client = await db();
  return client.$transaction(async (tx) => {
    const latest = await tx.revision.findFirst({
      where: { registrationId: input.registrationId, registration: { organizationId: input.organizationId } },
      orderBy: { number: "desc" },
      select: { id: true, number: true, status: true, claimedById: true, version: true },
    });
    if (latest?.status !== "DRAFT") return "not_found";
    if (latest.version !== input.version) return "conflict";
    const now = new Date();
    await applyTransition(tx, {
      revision: { ...latest, registrationId: input.registrationId, organizationId: input.organizationId },
      action: "submit",
      actor: { kind: "member" },
      person: asPartner(input.member),
      summary: `${input.member.name} submitted revision ${latest.number}`,
      set: { data: input.data, submittedAt: now, submittedById: input.member.id, version: { increment: 1 } },
      expect: { version: input.version },
      registration: { submittedAt: now, everSubmitted: true, clientName: input.data.clientName, searchText: searchTextFor(input.data, input.organizationName) },
    });
    return "submitted";
  });
}

/** Deletes a registration that was never submitted. Anything once submitted is kept. */
export async function deleteUnsubmittedRegistration(organizationId: string, id: string, member: Person): Promise<boolean> {
  if (!isUuid(id)) return false;
  const client = await db();
  return client.$transaction(async (tx) => {
    const latest = await tx.revision.findFirst({
      where: { registrationId: id, registration: { organizationId } },
      orderBy: { number: "desc" },
      select: { status: true },
    });
    if (!latest || !authorize("delete_draft", latest.status, { kind: "member" }, null).ok) return false;
    // "Never submitted" is the condition beyond the state table: a registration's history stays.
    const { count } = await tx.registration.deleteMany({ where: { id, organizationId, everSubmitted: false } });
    if (count !== 1) return false;
    await recordAudit(tx, {
      actor: asPartner(member),
      action: AUDIT_ACTION.delete_draft,
      summary: `${member.name} deleted a draft that was never submitted`,
      organizationId,
      registrationId: id,
    });
    return true;
  });
}

/** A new draft registration with the latest revision's content (same environment). */
export async function duplicateRegistration(organizationId: string, id: string, member: Person) {
  const source = await getRegistration(organizationId, id);
  const latest = source?.revisions[0];
  if (!source || !latest) return null;
  return createRegistration({
    organizationId,
    member,
    environment: fromDbEnvironment(source.environment),
    data: latest.data,
    how: "duplicated",
  });
}

/** The text the admin queue searches: client name, organization name and contacts. */
export function searchTextFor(data: Pick<RegistrationData, "clientName" | "contacts">, organizationName: string): string {
  return truncateText([data.clientName, organizationName, ...data.contacts].join(" ").toLowerCase(), 4000);
}

export type PromotionResult = { status: "created" | "existing"; id: string } | { status: "not_found" | "not_staging" | "not_approved" | "revoked" };

/**
 * "Prepare for Production": a Production registration linked to an approved Staging one, its
 * draft copied from the approved (live) staging revision. A second call returns the existing
 * one; the unique promotedFromId settles two clicks at once.
 */
export async function promoteToProduction(organizationId: string, stagingId: string, member: Person): Promise<PromotionResult> {
  if (!isUuid(stagingId)) return { status: "not_found" };
  const client = await db();
  const source = await client.registration.findFirst({
    where: { id: stagingId, organizationId },
    select: {
      environment: true,
      revokedAt: true,
      promotedTo: { select: { id: true } },
      revisions: { where: { status: "APPROVED" }, orderBy: { number: "desc" }, take: 1, select: { number: true, data: true } },
    },
  });
  if (!source) return { status: "not_found" };
  if (source.promotedTo) return { status: "existing", id: source.promotedTo.id };
  if (source.environment !== "STAGING") return { status: "not_staging" };
  if (source.revokedAt) return { status: "revoked" };
  const approved = source.revisions[0];
  if (!approved) return { status: "not_approved" };
  try {
    const created = await createRegistration({
      organizationId,
      member,
      environment: "production",
      data: readStoredDraft(approved.data).data,
      how: "prepared for Production from Staging",
      promotedFromId: stagingId,
    });
    return { status: "created", id: created.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await client.registration.findFirst({ where: { promotedFromId: stagingId, organizationId }, select: { id: true } });
    if (!existing) throw error;
    return { status: "existing", id: existing.id };
  }
}

/** The staging registration's newest passing Test connection run completed in the last `withinMs`, if any. */
export async function latestPassingRun(registrationId: string, withinMs: number, now = new Date()) {
  return (await db()).testRun.findFirst({
    where: { registrationId, status: "passed", completedAt: { gte: new Date(now.getTime() - withinMs) } },
    orderBy: { completedAt: "desc" },
    select: { id: true, completedAt: true },
  });
}

/** The approved (live) revision's data of a registration, read from the stored JSON. */
export async function approvedData(registrationId: string) {
  const row = await (
    await db()
  ).revision.findFirst({ where: { registrationId, status: "APPROVED" }, orderBy: { number: "desc" }, select: { number: true, data: true } });
  return row && { number: row.number, ...readStoredDraft(row.data) };
}
