import type { DecodedToken, HttpExchange } from "@/lib/test-connection/types";
import { describeTimeClaims } from "@/lib/test-connection/jwt";

// The expandable parts of a timeline step: the HTTP exchange, decoded tokens and scopes.
// Everything shown here was redacted before it was stored.

const pre = "max-h-96 overflow-auto rounded-md bg-surface-muted p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all";

function json(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (!entries.length) return null;
  return <pre className={pre}>{entries.map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>;
}

export function HttpExchangeView({ exchange }: { exchange: HttpExchange }) {
  const { request, response } = exchange;
  return (
    <details className="rounded-md border border-border">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
        HTTP: {request.method} {shortUrl(request.url)}
        {response ? ` → ${response.status}` : exchange.networkError ? ` → ${exchange.networkError}` : ""}
      </summary>
      <div className="space-y-3 border-t border-border px-3 py-3 text-sm">
        <section aria-label="Request" className="space-y-1">
          <h4 className="font-medium">Request</h4>
          <pre className={pre}>{`${request.method} ${request.url}`}</pre>
          <Headers headers={request.headers} />
          {request.body !== null && request.body !== undefined ? <pre className={pre}>{json(request.body)}</pre> : null}
        </section>
        <section aria-label="Response" className="space-y-1">
          <h4 className="font-medium">Response</h4>
          {response ? (
            <>
              <pre className={pre}>{`HTTP ${response.status}`}</pre>
              <Headers headers={response.headers} />
              {response.body !== null && response.body !== undefined ? <pre className={pre}>{json(response.body)}</pre> : null}
            </>
          ) : (
            <p className="text-fg-muted">
              {exchange.networkError ? `No response: ${exchange.networkError}.` : "Made by your browser: the response went to the browser, not to the portal."}
            </p>
          )}
        </section>
      </div>
    </details>
  );
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.slice(0, 80);
  }
}

export function TokenClaims({ tokens }: { tokens: DecodedToken[] }) {
  return (
    <details className="rounded-md border border-border">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Decoded tokens ({tokens.map((t) => t.label).join(", ")})</summary>
      <div className="space-y-3 border-t border-border px-3 py-3 text-sm">
        <p className="text-fg-muted">Header and payload of each JWT; the signature is not shown.</p>
        {tokens.map((t) => {
          const times = describeTimeClaims(t.payload);
          return (
            <section key={t.label} aria-label={t.label} className="space-y-1">
              <h4 className="font-medium">{t.label}</h4>
              <pre className={pre}>{json(t.header)}</pre>
              <pre className={pre}>{json(t.payload)}</pre>
              {Object.keys(times).length ? (
                <p className="text-xs text-fg-muted">
                  {Object.entries(times)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(" · ")}
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </details>
  );
}

export function ScopeComparison({ requested, granted }: { requested: string[]; granted: string[] }) {
  const all = [...new Set([...requested, ...granted])];
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Requested and granted scopes</caption>
      <thead>
        <tr className="text-xs text-fg-muted">
          <th scope="col" className="py-1 pr-4 font-medium">
            Scope
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            Requested
          </th>
          <th scope="col" className="py-1 font-medium">
            Granted
          </th>
        </tr>
      </thead>
      <tbody>
        {all.map((s) => {
          const wasRequested = requested.includes(s);
          const wasGranted = granted.includes(s);
          return (
            <tr key={s} className="border-t border-border">
              <td className="py-1 pr-4 font-mono text-xs">{s}</td>
              <td className="py-1 pr-4">{wasRequested ? "Yes" : "No"}</td>
              <td className={wasRequested && !wasGranted ? "py-1 font-medium text-warning" : "py-1"}>
                {granted.length === 0 ? "—" : wasGranted ? "Yes" : wasRequested ? "No (not granted)" : "Yes (not requested)"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
