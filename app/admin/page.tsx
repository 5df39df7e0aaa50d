import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ENVIRONMENT_LABEL, STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { AdminNav } from "@/components/review/admin-nav";
import { timeAgo } from "@/components/review/relative-time";
import { requireAdmin } from "@/lib/auth/guards";
import { listOrganizationsForAdmin } from "@/lib/db/organizations";
import { QUEUE_STATUSES, formatQueueCursor, listQueue, parseQueueCursor, type QueueFilters, type QueueStatus } from "@/lib/db/queue";
import { cleanSearchParams } from "@/lib/http/clean-input";
import { truncateText } from "@/lib/text/unicode";

export const metadata = { title: "Review queue" };

type Search = Record<string, string | string[] | undefined>;
const LABELS = { status: "status", environment: "environment", organization: "organization", q: "search", page: "page", after: "page", before: "page" };

function parseFilters(search: Search): { filters: QueueFilters; problems: string[] } {
  const { values, problems } = cleanSearchParams(search, LABELS);
  const status = values.status?.toUpperCase();
  // "auto" is the "Auto-approved" tab: not a revision state but who approved the live one.
  const autoApproved = status === "AUTO";
  const environment = values.environment?.toUpperCase();
  const filters: QueueFilters = {
    status: QUEUE_STATUSES.includes(status as QueueStatus) ? (status as QueueStatus) : undefined,
    autoApproved: autoApproved || undefined,
    environment: environment === "STAGING" || environment === "PRODUCTION" ? environment : undefined,
    organizationId: values.organization || undefined,
    q: truncateText(values.q ?? "", 100) || undefined,
    page: Number(values.page) || 1,
  };
  // Previous and Next carry the row they continue from; a link whose position cannot be read
  // (edited by hand, cut short) starts again at the first page and says so.
  for (const key of ["after", "before"] as const) {
    if (values[key] === undefined) continue;
    const cursor = parseQueueCursor(values[key]);
    if (cursor) filters[key] = cursor;
    else {
      problems.push("The link's position in the queue could not be read, so this is the first page.");
      filters.page = 1;
    }
  }
  if (filters.after && filters.before) filters.before = undefined;
  return { filters, problems: [...new Set(problems)] };
}

function href(filters: QueueFilters, change: Partial<QueueFilters>) {
  const next = { ...filters, page: 1, after: undefined, before: undefined, ...change };
  const params = new URLSearchParams();
  if (next.autoApproved) params.set("status", "auto");
  else if (next.status) params.set("status", next.status.toLowerCase());
  if (next.environment) params.set("environment", next.environment.toLowerCase());
  if (next.organizationId) params.set("organization", next.organizationId);
  if (next.q) params.set("q", next.q);
  if (next.page && next.page > 1) params.set("page", String(next.page));
  if (next.after) params.set("after", formatQueueCursor(next.after));
  else if (next.before) params.set("before", formatQueueCursor(next.before));
  const qs = params.toString();
  return qs ? `/admin?${qs}` : "/admin";
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const { filters, problems } = parseFilters(await searchParams);
  const [queue, organizations] = await Promise.all([listQueue(filters), listOrganizationsForAdmin()]);
  const all = Object.values(queue.counts).reduce((a, b) => a + b, 0);
  const tabs: { status: QueueStatus | undefined; autoApproved?: boolean; label: string; count: number }[] = [
    { status: undefined, label: "All", count: all },
    ...QUEUE_STATUSES.map((s) => ({ status: s, label: STATUS_LABEL[s]!, count: queue.counts[s] })),
    { status: undefined, autoApproved: true, label: "Auto-approved", count: queue.autoApproved },
  ];

  return (
    <div className="space-y-6">
      <AdminNav current="queue" />
      <PageHeader
        title="Review queue"
        description="Submitted registrations, oldest waiting first. Claim one to review it. Staging submissions the instant-staging policy approved are under Auto-approved."
      />
      {problems.map((problem) => (
        <Alert key={problem} tone="warning">
          {problem}
        </Alert>
      ))}

      <nav aria-label="Filter by status" className="-mx-1 flex gap-1 overflow-x-auto">
        {tabs.map((t) => {
          const active = filters.status === t.status && Boolean(filters.autoApproved) === Boolean(t.autoApproved);
          return (
            <Link
              key={t.label}
              href={href(filters, { status: t.status, autoApproved: t.autoApproved })}
              aria-current={active ? "page" : undefined}
              className={
                "inline-flex items-center gap-2 whitespace-nowrap rounded-md border px-3 py-1.5 text-sm " +
                (active ? "border-primary bg-primary-soft text-fg" : "border-border text-fg-muted hover:bg-surface-muted")
              }
            >
              {t.label}
              <span className="rounded-full bg-surface-muted px-1.5 text-xs tabular-nums text-fg">{t.count}</span>
            </Link>
          );
        })}
      </nav>

      <form
        method="get"
        action="/admin"
        role="search"
        aria-label="Search the queue"
        className="grid gap-3 rounded-lg border border-border bg-surface p-4 sm:grid-cols-[1fr_10rem_14rem_auto] sm:items-end"
      >
        {filters.status || filters.autoApproved ? (
          <input type="hidden" name="status" value={filters.autoApproved ? "auto" : filters.status!.toLowerCase()} />
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium">
            Search
          </label>
          <Input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Client name, organization or contact e-mail" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="environment" className="text-sm font-medium">
            Environment
          </label>
          <Select id="environment" name="environment" defaultValue={filters.environment?.toLowerCase() ?? ""}>
            <option value="">All</option>
            <option value="staging">Staging</option>
            <option value="production">Production</option>
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="organization" className="text-sm font-medium">
            Organization
          </label>
          <Select id="organization" name="organization" defaultValue={filters.organizationId ?? ""}>
            <option value="">All organizations</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Apply
        </button>
      </form>

      {queue.rows.length === 0 ? (
        <EmptyState
          title={all === 0 && !filters.q ? "Nothing has been submitted yet" : "No registrations match"}
          description={all === 0 && !filters.q ? "Submissions from partners appear here, oldest first." : "Try another status, environment or search term."}
        />
      ) : (
        <>
          <Table label="Registrations in the queue">
            <THead>
              <TR>
                <TH>Client name</TH>
                <TH>Organization</TH>
                <TH>Environment</TH>
                <TH>Status</TH>
                <TH>Submitted</TH>
              </TR>
            </THead>
            <TBody>
              {queue.rows.map((r) => {
                const claimant = r.revisions[0]?.claimedBy?.name;
                return (
                  <TR key={r.id}>
                    <TD className="font-medium">
                      <Link href={`/admin/registrations/${r.id}`} className="underline underline-offset-4">
                        {r.clientName || "Untitled registration"}
                      </Link>
                    </TD>
                    <TD>{r.organization.name}</TD>
                    <TD>{ENVIRONMENT_LABEL[r.environment]}</TD>
                    <TD>
                      <Badge tone={STATUS_TONE[r.reviewStatus ?? "SUBMITTED"]}>{STATUS_LABEL[r.reviewStatus ?? "SUBMITTED"]}</Badge>
                      {r.reviewStatus === "IN_REVIEW" && claimant ? <span className="ml-2 text-xs text-fg-muted">by {claimant}</span> : null}
                      {r.autoApprovedAt ? (
                        <span className="ml-2 text-xs text-fg-muted">{r.spotCheckedAt ? "by policy · spot-checked" : "by policy · not spot-checked yet"}</span>
                      ) : null}
                      {r.heldByPolicy ? <span className="ml-2 text-xs text-fg-muted">held by policy</span> : null}
                    </TD>
                    <TD className="whitespace-nowrap" title={r.submittedAt?.toISOString()}>
                      {r.submittedAt ? timeAgo(r.submittedAt) : "—"}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <span className="text-fg-muted">
              Page {queue.page} of {queue.pageCount} · {queue.total} registration{queue.total === 1 ? "" : "s"}
            </span>
            <span className="flex gap-2">
              {queue.previous ? (
                <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(filters, queue.previous)}>
                  Previous
                </Link>
              ) : null}
              {queue.next ? (
                <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(filters, queue.next)}>
                  Next
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
