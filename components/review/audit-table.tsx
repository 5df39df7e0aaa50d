import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { utcDateTime } from "@/lib/text/utc-time";

const ROLE_LABEL: Record<string, string> = { admin: "Platform admin", partner: "Partner", policy: "Instant staging policy", system: "System" };

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string;
  action: string;
  summary: string;
  revisionNumber: number | null;
  before: unknown;
  after: unknown;
};

function Changes({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-fg-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-primary">Before / after</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        <pre className="overflow-x-auto rounded bg-surface-muted p-2 text-xs">{before == null ? "—" : JSON.stringify(before, null, 2)}</pre>
        <pre className="overflow-x-auto rounded bg-surface-muted p-2 text-xs">{after == null ? "—" : JSON.stringify(after, null, 2)}</pre>
      </div>
    </details>
  );
}

/** Audit events, newest first: who, when, what, and before/after values. */
export function AuditTable({ rows, label, showActorEmail = true }: { rows: AuditRow[]; label: string; showActorEmail?: boolean }) {
  return (
    <Table label={label}>
      <THead>
        <TR>
          <TH>When</TH>
          <TH>Who</TH>
          <TH>What</TH>
          <TH>Changes</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.id}>
            <TD className="whitespace-nowrap align-top">{utcDateTime(r.createdAt, { seconds: true })}</TD>
            <TD className="align-top">
              <span className="font-medium">{r.actorName ?? "System"}</span>
              <span className="block text-xs text-fg-muted">
                {ROLE_LABEL[r.actorRole] ?? "System"}
                {showActorEmail && r.actorEmail ? ` · ${r.actorEmail}` : ""}
              </span>
            </TD>
            <TD className="align-top">
              {r.summary}
              <code className="mt-0.5 block font-mono text-xs text-fg-muted">{r.action}</code>
            </TD>
            <TD className="align-top">
              <Changes before={r.before} after={r.after} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
