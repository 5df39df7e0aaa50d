import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { DecisionTimes, FunnelStep, QueueAge, SignUpProgress } from "@/lib/db/metrics";
import { formatDuration, percent } from "./metrics-format";
import { utcDateTime } from "@/lib/text/utc-time";

// The metrics page's numbers as tables: the chart shows the funnel, these carry every figure.

const duration = (seconds: number | null) => (seconds === null ? "—" : formatDuration(seconds));

/** A row's first cell names it (TH's own classes are for column heads; cn does not override). */
function RowHeader({ children }: { children: React.ReactNode }) {
  return (
    <th scope="row" className="min-w-36 px-4 py-3 text-left align-middle font-medium">
      {children}
    </th>
  );
}

export function FunnelTable({ steps, labels }: { steps: FunnelStep[]; labels: Record<FunnelStep["id"], string> }) {
  const total = steps[0]?.reached ?? 0;
  return (
    <Table label="Funnel of the period's sign-ups">
      <THead>
        <TR>
          <TH>Step</TH>
          <TH className="text-right">Organizations</TH>
          <TH className="text-right">Of sign-ups</TH>
          <TH className="text-right">Drop-off from the step before</TH>
          <TH className="text-right">Median since sign-up</TH>
          <TH className="text-right">p90 since sign-up</TH>
        </TR>
      </THead>
      <TBody>
        {steps.map((s, i) => {
          const before = steps[i - 1];
          const lost = before ? before.reached - s.reached : null;
          return (
            <TR key={s.id}>
              <RowHeader>{labels[s.id]}</RowHeader>
              <TD className="text-right tabular-nums">{s.reached}</TD>
              <TD className="text-right tabular-nums">{i === 0 ? "—" : percent(s.reached, total)}</TD>
              <TD className="text-right tabular-nums whitespace-nowrap">
                {lost === null || !before?.reached ? "—" : `${lost} (${percent(lost, before.reached)})`}
              </TD>
              <TD className="text-right whitespace-nowrap">{i === 0 ? "—" : duration(s.medianSeconds)}</TD>
              <TD className="text-right whitespace-nowrap">{i === 0 ? "—" : duration(s.p90Seconds)}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

export function QueueAgeList({ queue }: { queue: QueueAge }) {
  if (queue.waiting === 0) return <p className="text-sm text-fg-muted">Nothing is waiting for review.</p>;
  const items: { term: string; detail: string; note?: string }[] = [
    { term: "Waiting now", detail: `${queue.waiting} revision${queue.waiting === 1 ? "" : "s"}` },
    {
      term: "Oldest waiting",
      detail: duration(queue.oldestWaitSeconds),
      note: queue.oldestSubmittedAt ? `submitted ${utcDateTime(queue.oldestSubmittedAt)}` : undefined,
    },
    { term: "Median wait", detail: duration(queue.medianWaitSeconds) },
  ];
  return (
    <dl className="grid gap-3">
      {items.map((i) => (
        <div key={i.term} className="flex flex-col gap-0.5">
          <dt className="text-xs font-medium text-fg-muted">{i.term}</dt>
          <dd className="text-base font-semibold text-fg">
            {i.detail}
            {i.note ? <span className="block text-xs font-normal text-fg-muted">{i.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function DecisionTimesTable({ rows }: { rows: { label: string; times: DecisionTimes; none: string }[] }) {
  return (
    <Table label="Time from submission to decision">
      <THead>
        <TR>
          <TH>Decided</TH>
          <TH className="text-right">Decisions</TH>
          <TH className="text-right">Median</TH>
          <TH className="text-right">p90</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.label}>
            <RowHeader>{r.label}</RowHeader>
            {r.times.decisions === 0 ? (
              <TD colSpan={3} className="text-fg-muted">
                {r.none}
              </TD>
            ) : (
              <>
                <TD className="text-right tabular-nums">{r.times.decisions}</TD>
                <TD className="text-right whitespace-nowrap">{duration(r.times.medianSeconds)}</TD>
                <TD className="text-right whitespace-nowrap">{duration(r.times.p90Seconds)}</TD>
              </>
            )}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/** Each recent sign-up and the furthest step it reached: where a partner stands, or stopped. */
export function LatestSignUpsTable({ rows, labels, now }: { rows: SignUpProgress[]; labels: Record<FunnelStep["id"], string>; now: Date }) {
  return (
    <Table label="Latest sign-ups and how far each got">
      <THead>
        <TR>
          <TH>Organization</TH>
          <TH>Signed up</TH>
          <TH>Furthest step</TH>
          <TH className="text-right">Reached after</TH>
          <TH className="text-right">Since then</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.organizationId}>
            <RowHeader>
              {/* The queue lists an organization's submissions; before one there is nothing to show. */}
              {r.furthest === "signed_up" || r.furthest === "first_draft" ? (
                r.name
              ) : (
                <Link href={`/admin?organization=${r.organizationId}`} className="underline-offset-2 hover:underline">
                  {r.name}
                </Link>
              )}
            </RowHeader>
            <TD className="whitespace-nowrap">{utcDateTime(r.signedUpAt)}</TD>
            <TD className="whitespace-nowrap">{labels[r.furthest]}</TD>
            <TD className="text-right whitespace-nowrap">{r.furthest === "signed_up" ? "—" : formatDuration(seconds(r.signedUpAt, r.furthestAt))}</TD>
            <TD className="text-right whitespace-nowrap">{r.furthest === "first_passing_test" ? "done" : formatDuration(seconds(r.furthestAt, now))}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
