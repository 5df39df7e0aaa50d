import { FIELD_LABELS } from "@/lib/registration/fields";
import type { FieldDiff } from "@/lib/review/diff";

/** Changes against the approved (live) revision: added and removed list items, text before/after. */
export function DiffView({ diff, againstNumber }: { diff: FieldDiff[]; againstNumber: number }) {
  if (diff.length === 0) return <p className="text-sm text-fg-muted">No field changed since revision {againstNumber}.</p>;
  return (
    <dl className="space-y-4">
      {diff.map((d) => (
        <div key={d.field}>
          <dt className="text-sm font-medium">{FIELD_LABELS[d.field]}</dt>
          <dd className="mt-1 text-sm">
            {d.kind === "list" ? (
              <ul className="space-y-1 font-mono text-xs">
                {d.added.map((x) => (
                  <li key={`+${x}`} className="rounded bg-success-soft px-2 py-1 break-all">
                    <span className="sr-only">Added: </span>
                    <span aria-hidden="true">+ </span>
                    {x}
                  </li>
                ))}
                {d.removed.map((x) => (
                  <li key={`-${x}`} className="rounded bg-danger-soft px-2 py-1 break-all line-through">
                    <span className="sr-only">Removed: </span>
                    <span aria-hidden="true">− </span>
                    {x}
                  </li>
                ))}
                {!d.added.length && !d.removed.length ? <li className="text-fg-muted">Same entries, new order.</li> : null}
              </ul>
            ) : (
              <div className="grid gap-1 sm:grid-cols-2">
                <p className="rounded bg-danger-soft px-2 py-1 break-all">
                  <span className="font-medium">Before: </span>
                  {d.before || <em>empty</em>}
                </p>
                <p className="rounded bg-success-soft px-2 py-1 break-all">
                  <span className="font-medium">After: </span>
                  {d.after || <em>empty</em>}
                </p>
              </div>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
