import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { AdminNav } from "@/components/review/admin-nav";
import { AuditTable } from "@/components/review/audit-table";
import { requireAdmin } from "@/lib/auth/guards";
import { distinctAuditActions, listAudit, type AuditFilters } from "@/lib/db/audit";
import { cleanSearchParams } from "@/lib/http/clean-input";
import { truncateText } from "@/lib/text/unicode";

export const metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const LABELS = { action: "action", actor: "who", registration: "registration ID", page: "page" };
const filter = (v: string | undefined) => (v?.trim() ? truncateText(v.trim(), 200) : undefined);

function href(filters: AuditFilters, page: number) {
  const p = new URLSearchParams();
  if (filters.action) p.set("action", filters.action);
  if (filters.actor) p.set("actor", filters.actor);
  if (filters.registrationId) p.set("registration", filters.registrationId);
  if (page > 1) p.set("page", String(page));
  return `/admin/audit${p.size ? `?${p}` : ""}`;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const { values: s, problems } = cleanSearchParams(await searchParams, LABELS);
  const filters: AuditFilters = { action: filter(s.action), actor: filter(s.actor), registrationId: filter(s.registration), page: Number(filter(s.page)) || 1 };
  const [log, actions] = await Promise.all([listAudit(filters), distinctAuditActions()]);
  return (
    <div className="space-y-6">
      <AdminNav current="audit" />
      <PageHeader
        title="Audit log"
        description="Every state change, submission, decision, comment and admin action. Append-only: entries are never changed or removed."
      />
      {problems.map((problem) => (
        <Alert key={problem} tone="warning">
          {problem}
        </Alert>
      ))}
      <form
        method="get"
        action="/admin/audit"
        role="search"
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-lg border border-border bg-surface p-4 sm:grid-cols-[14rem_1fr_1fr_auto] sm:items-end"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="action" className="text-sm font-medium">
            Action
          </label>
          <Select id="action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">All actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="actor" className="text-sm font-medium">
            Who
          </label>
          <Input id="actor" name="actor" defaultValue={filters.actor} placeholder="Name or e-mail" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="registration" className="text-sm font-medium">
            Registration ID
          </label>
          <Input id="registration" name="registration" defaultValue={filters.registrationId} placeholder="UUID" />
        </div>
        <button type="submit" className={buttonClasses({ variant: "secondary" })}>
          Apply
        </button>
      </form>
      {log.rows.length === 0 ? (
        <EmptyState
          title="No entries"
          description={
            filters.action || filters.actor || filters.registrationId ? "Nothing matches these filters." : "Actions appear here as people use the portal."
          }
        />
      ) : (
        <>
          <AuditTable rows={log.rows} label="Audit log entries" />
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <span className="text-fg-muted">
              Page {log.page} of {log.pageCount} · {log.total} entries
            </span>
            <span className="flex gap-2">
              {log.page > 1 ? (
                <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(filters, log.page - 1)}>
                  Newer
                </Link>
              ) : null}
              {log.page < log.pageCount ? (
                <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(filters, log.page + 1)}>
                  Older
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
