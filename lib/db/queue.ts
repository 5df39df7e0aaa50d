import "server-only";
import type { Environment, Prisma, RevisionStatus } from "@/lib/generated/prisma/client";
import { db } from "./index";
import { isUuid, safePage } from "./ids";
import { readPolicyHold } from "./policy";
import { withStoredDraft } from "./registrations";

// The admin queue: one row per submitted registration, oldest waiting first. Indexes on
// (reviewStatus, submittedAt), (environment, ...), (organizationId, ...) and a trigram index
// on searchText keep each query fast at 100,000 registrations (see bench/queue).

export const QUEUE_STATUSES = ["SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "WITHDRAWN"] as const satisfies RevisionStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_PAGE_SIZE = 25;

/** `autoApproved`: the registrations whose live revision the instant-staging policy approved. */
export type QueueFilters = { status?: QueueStatus; autoApproved?: boolean; environment?: Environment; organizationId?: string; q?: string; page?: number };

/**
 * Search text matched literally (LIKE wildcards escaped, since Prisma passes the value into a
 * LIKE pattern as it is); under 3 characters it matches as a prefix.
 */
function searchWhere(q: string | undefined): Prisma.RegistrationWhereInput {
  const term = (q ?? "").trim().toLowerCase();
  if (!term) return {};
  const literal = term.replace(/[\\%_]/g, "\\$&");
  return term.length < 3 ? { searchText: { startsWith: literal } } : { searchText: { contains: literal } };
}

export async function listQueue(filters: QueueFilters) {
  const base: Prisma.RegistrationWhereInput = {
    reviewStatus: { not: null },
    ...(filters.environment ? { environment: filters.environment } : {}),
    // A malformed organization id matches nothing (rather than silently showing everyone).
    ...(filters.organizationId ? (isUuid(filters.organizationId) ? { organizationId: filters.organizationId } : { id: { in: [] } }) : {}),
    ...searchWhere(filters.q),
  };
  const where: Prisma.RegistrationWhereInput = filters.autoApproved
    ? { ...base, autoApprovedAt: { not: null } }
    : filters.status
      ? { ...base, reviewStatus: filters.status }
      : base;
  const page = safePage(filters.page);
  const client = await db();
  const [rows, total, grouped, autoApproved] = await Promise.all([
    client.registration.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        clientName: true,
        environment: true,
        reviewStatus: true,
        submittedAt: true,
        autoApprovedAt: true,
        spotCheckedAt: true,
        organization: { select: { name: true } },
        revisions: {
          where: { status: { in: ["SUBMITTED", "IN_REVIEW"] } },
          take: 1,
          select: { number: true, claimedBy: { select: { name: true } }, policyHold: true },
        },
      },
    }),
    client.registration.count({ where }),
    client.registration.groupBy({ by: ["reviewStatus"], where: base, _count: { _all: true } }),
    client.registration.count({ where: { ...base, autoApprovedAt: { not: null } } }),
  ]);
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<QueueStatus, number>;
  for (const g of grouped) if (g.reviewStatus) counts[g.reviewStatus as QueueStatus] = g._count._all;
  // Whether the instant-staging policy sent the open revision to a person (the queue marks it).
  const marked = rows.map(({ revisions, ...row }) => ({
    ...row,
    heldByPolicy: readPolicyHold(revisions[0]?.policyHold).length > 0,
    revisions: revisions.map(({ policyHold: _hold, ...revision }) => revision),
  }));
  return { rows: marked, total, counts, autoApproved, page, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/** Everything a reviewer needs about one registration. */
export async function getRegistrationForReview(id: string) {
  if (!isUuid(id)) return null;
  const row = await (
    await db()
  ).registration.findUnique({
    where: { id },
    select: {
      id: true,
      environment: true,
      clientName: true,
      reviewStatus: true,
      latestStatus: true,
      createdAt: true,
      clientId: true,
      issuer: true,
      provisioningMode: true,
      revokedAt: true,
      autoApprovedAt: true,
      spotCheckedAt: true,
      promotedFrom: { select: { id: true, clientName: true } },
      organization: { select: { id: true, name: true } },
      revisions: {
        where: { status: { not: "DRAFT" } },
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          status: true,
          data: true,
          submittedAt: true,
          claimedAt: true,
          decidedAt: true,
          decisionNote: true,
          policyHold: true,
          submittedBy: { select: { name: true } },
          claimedBy: { select: { id: true, name: true } },
          decidedBy: { select: { name: true } },
          comments: { orderBy: { createdAt: "asc" }, select: { id: true, field: true, body: true, createdAt: true, author: { select: { name: true } } } },
        },
      },
    },
  });
  return row && { ...row, revisions: row.revisions.map(withStoredDraft) };
}
