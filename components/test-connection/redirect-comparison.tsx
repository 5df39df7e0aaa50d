import type { RedirectComparison as Comparison, Segment } from "@/lib/test-connection/redirect-compare";

// The requested redirect URI next to the registered ones, differing characters highlighted
// (with <mark>, so the difference is announced and visible without colour).

function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <code className="font-mono text-sm break-all">
      {segments.map((s, i) =>
        s.differs ? (
          <mark key={i} className="rounded-sm bg-warning-soft px-0.5 text-fg underline decoration-warning decoration-2 underline-offset-2">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </code>
  );
}

export function RedirectComparison({ comparison, limit = 5 }: { comparison: Comparison; limit?: number }) {
  const shown = comparison.candidates.slice(0, limit);
  return (
    <div className="space-y-3 text-sm">
      <div>
        <p className="font-medium">Requested redirect URI</p>
        <code className="block rounded-md bg-surface-muted px-2 py-1 font-mono break-all">{comparison.requested}</code>
      </div>
      {shown.length ? (
        <div>
          <p className="font-medium">Registered redirect URIs{comparison.exactMatch ? "" : " (none matches exactly)"}</p>
          <ul className="mt-1 space-y-2">
            {shown.map((c) => (
              <li key={c.registered} className="rounded-md border border-border px-2 py-1.5">
                <Highlighted segments={c.registeredSegments} />
                {c.differences.length ? (
                  <p className="mt-1 text-fg-muted">
                    Differs from the requested one in {c.differences.join(", ")}. Requested: <Highlighted segments={c.requestedSegments} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {comparison.candidates.length > shown.length ? <p className="mt-1 text-fg-muted">and {comparison.candidates.length - shown.length} more.</p> : null}
        </div>
      ) : (
        <p className="text-fg-muted">The registration has no redirect URIs.</p>
      )}
    </div>
  );
}
