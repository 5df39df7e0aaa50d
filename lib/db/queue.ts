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

/** A place in the queue's order (submittedAt, id): the last row of a page, or the first. */
export type QueueCursor = { submittedAt: Date; id: string };

/**
 * `autoApproved`: the registrations whose live revision the instant-staging policy approved.
 * `after` / `before`: the page right after (before) that row, found by its sort key rather than
 * by OFFSET, which reads every row before the page (page 500 read 12,500 rows). `page` is then
 * only the number shown; without a cursor it is the page read by OFFSET (deep links).
 */
export type QueueFilters = {
  status?: QueueStatus;
  autoApproved?: boolean;
  environment?: Environment;
  organizationId?: string;
  q?: string;
  page?: number;
  after?: QueueCursor;
  before?: QueueCursor;
};

/** Where a Previous or Next link leads. */
export type QueuePageLink = { page: number; after?: QueueCursor; before?: QueueCursor };

/** A cursor in a query string: "<submittedAt in ms>.<id>" (timestamps are stored to the millisecond). */
export function formatQueueCursor(cursor: QueueCursor): string {
  return `${cursor.submittedAt.getTime()}.${cursor.id}`;
}

/** The cursor a query string carries, or null when it is not one (the caller says so). */
export function parseQueueCursor(value: string | undefined): QueueCursor | null {
  const match = /^(\d{1,15})\.(.+)$/.exec(value ?? "");
  if (!match || !isUuid(match[2])) return null;
  const submittedAt = new Date(Number(match[1]));
  return Number.isNaN(submittedAt.getTime()) ? null : { submittedAt, id: match[2].toLowerCase() };
}

/**
 * The rows after (or before) the cursor in (submittedAt, id) order. The gte (lte) bound on
 * submittedAt alone is what lets the index scan start at the cursor; the OR then drops the rows
 * with the same submittedAt on the wrong side of the id.
 */
function keysetWhere(cursor: QueueCursor, backwards: boolean): Prisma.RegistrationWhereInput {
  const { submittedAt, id } = cursor;
  return backwards
    ? { submittedAt: { lte: submittedAt }, OR: [{ submittedAt: { lt: submittedAt } }, { submittedAt, id: { lt: id } }] }
    : { submittedAt: { gte: submittedAt }, OR: [{ submittedAt: { gt: submittedAt } }, { submittedAt, id: { gt: id } }] };
}

const cursorOf = (row: { id: string; submittedAt: Date | null } | undefined): QueueCursor | undefined =>
  row?.submittedAt ? { submittedAt: row.submittedAt, id: row.id } : undefined;

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
  const cursor = filters.after ?? filters.before;
  const backwards = !filters.after && Boolean(filters.before);
  const order = backwards ? "desc" : "asc";
  const client = await db();
  const [fetched, grouped, autoApproved] = await Promise.all([
    client.registration.findMany({
      where: cursor ? { AND: [where, keysetWhere(cursor, backwards)] } : where,
      orderBy: [{ submittedAt: order }, { id: order }],
      skip: cursor ? 0 : (safePage(filters.page) - 1) * QUEUE_PAGE_SIZE,
      // Exactly a page: one row more tipped the planner into walking the (submittedAt, id) index
      // for searches instead of using the trigram index (6 ms became 18 ms for an e-mail).
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
    client.registration.groupBy({ by: ["reviewStatus"], where: base, _count: { _all: true } }),
    client.registration.count({ where: { ...base, autoApprovedAt: { not: null } } }),
  ]);
  // The total comes from the counts already read (each filter's rows are one status group, all
  // of them, or the auto-approved): a count of its own scanned the same index entries again.
  const total = filters.autoApproved
    ? autoApproved
    : grouped.reduce((sum, g) => sum + (!filters.status || g.reviewStatus === filters.status ? g._count._all : 0), 0);
  const rows = backwards ? fetched.reverse() : fetched;
  const full = rows.length === QUEUE_PAGE_SIZE;
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  // With a cursor the page number is carried along for display only: kept within range, and 1
  // when going back found less than a page before.
  const page = !cursor ? safePage(filters.page) : backwards && !full ? 1 : Math.min(pageCount, safePage(filters.page));
  const hasNext = backwards ? rows.length > 0 : full && page < pageCount;
  const hasPrevious = backwards ? full && page > 1 : cursor ? true : page > 1;
  const next: QueuePageLink | null = hasNext ? { page: page + 1, after: cursorOf(rows.at(-1)) } : null;
  // A row without submittedAt has no place in the keyset order: that link falls back to the page number.
  const previous: QueuePageLink | null = !hasPrevious ? null : page <= 2 ? { page: 1 } : { page: page - 1, before: cursorOf(rows[0]) };
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<QueueStatus, number>;
  for (const g of grouped) if (g.reviewStatus) counts[g.reviewStatus as QueueStatus] = g._count._all;
  // Whether the instant-staging policy sent the open revision to a person (the queue marks it).
  const marked = rows.map(({ revisions, ...row }) => ({
    ...row,
    heldByPolicy: readPolicyHold(revisions[0]?.policyHold).length > 0,
    revisions: revisions.map(({ policyHold: _hold, ...revision }) => revision),
  }));
  return { rows: marked, total, counts, autoApproved, page, pageCount, next, previous };
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
