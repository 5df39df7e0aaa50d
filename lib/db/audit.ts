import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./index";
import { isUuid, safePage } from "./ids";

// The audit log: insert and read, nothing else (the table refuses UPDATE and DELETE).

/** A person, or no person: the system (housekeeping, mail) or the instant-staging policy (its approvals). */
export type AuditActor = { id: string; name: string; email: string; role: "partner" | "admin" } | { role: "system" } | { role: "policy" };

const NO_PERSON_NAME = { system: "System", policy: "Policy" } as const;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  summary: string;
  organizationId?: string | null;
  registrationId?: string | null;
  revisionNumber?: number | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** Records one event; pass the transaction of the change it describes. */
export async function recordAudit(tx: Tx | undefined, event: AuditInput) {
  const client = tx ?? (await db());
  const actor = event.actor;
  await client.auditEvent.create({
    data: {
      actorId: "id" in actor ? actor.id : null,
      actorName: "id" in actor ? actor.name : NO_PERSON_NAME[actor.role],
      actorEmail: "id" in actor ? actor.email : null,
      actorRole: actor.role,
      action: event.action,
      summary: event.summary,
      organizationId: event.organizationId ?? null,
      registrationId: event.registrationId ?? null,
      revisionNumber: event.revisionNumber ?? null,
      before: event.before,
      after: event.after,
    },
    select: { id: true },
  });
}

const auditSelect = {
  id: true,
  createdAt: true,
  actorName: true,
  actorEmail: true,
  actorRole: true,
  action: true,
  summary: true,
  organizationId: true,
  registrationId: true,
  revisionNumber: true,
  before: true,
  after: true,
} as const;

/** What an audit row's before or after reads as: the values it recorded, or null for none. */
export type AuditValues = Record<string, unknown> | null;

/**
 * Reading AuditEvent.before and .after, the one way. Events record an object of values; a
 * value of another shape (rows are never rewritten, so old ones stay as they were) is shown
 * under "value" rather than dropped.
 */
export function readAuditValues(json: unknown): AuditValues {
  if (json === null || json === undefined) return null;
  if (typeof json === "object" && !Array.isArray(json)) return Object.fromEntries(Object.entries(json));
  return { value: json };
}

const readRow = <T extends { before: unknown; after: unknown }>(row: T) => ({ ...row, before: readAuditValues(row.before), after: readAuditValues(row.after) });

/** Name or e-mail, matched literally (LIKE wildcards escaped). */
function actorWhere(actor: string): Prisma.AuditEventWhereInput {
  const literal = actor.replace(/[\\%_]/g, "\\$&");
  return { OR: [{ actorEmail: { contains: literal.toLowerCase() } }, { actorName: { contains: literal, mode: "insensitive" } }] };
}

export type AuditFilters = { action?: string; actor?: string; registrationId?: string; organizationId?: string; page?: number };
const AUDIT_PAGE_SIZE = 50;

/** Admins: the whole log, newest first, filtered. */
export async function listAudit(filters: AuditFilters) {
  const where: Prisma.AuditEventWhereInput = {
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.actor ? actorWhere(filters.actor) : {}),
    ...(filters.registrationId && isUuid(filters.registrationId) ? { registrationId: filters.registrationId } : {}),
    ...(filters.organizationId && isUuid(filters.organizationId) ? { organizationId: filters.organizationId } : {}),
  };
  const page = safePage(filters.page);
  const client = await db();
  const [rows, total] = await Promise.all([
    client.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: auditSelect,
    }),
    client.auditEvent.count({ where }),
  ]);
  return { rows: rows.map(readRow), total, page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Partners: the history of one of their own registrations. */
export async function listAuditForRegistration(organizationId: string, registrationId: string) {
  if (!isUuid(registrationId)) return [];
  const rows = await (
    await db()
  ).auditEvent.findMany({
    where: { organizationId, registrationId },
    orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
    take: 200,
    select: auditSelect,
  });
  return rows.map(readRow);
}

export async function distinctAuditActions(): Promise<string[]> {
  const rows = await (await db()).auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
