// Compares the redirect URI a request uses with the registered ones, the way the
// authorization server does (exact string match), and explains near misses: which part
// differs, highlighted, and in words. Pure: usable in server and client components.

export type Segment = { text: string; differs: boolean };
export type RedirectCandidate = {
  registered: string;
  /** The registered URI split into equal and differing parts. */
  registeredSegments: Segment[];
  /** The requested URI split the same way. */
  requestedSegments: Segment[];
  /** Plain-language reasons, e.g. "the trailing slash". */
  differences: string[];
};
export type RedirectComparison = {
  requested: string;
  exactMatch: boolean;
  /** Every registered URI, closest first. */
  candidates: RedirectCandidate[];
};

/** Splits both strings into common prefix, differing middle and common suffix. */
export function diffSegments(a: string, b: string): { a: Segment[]; b: Segment[]; common: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const split = (s: string): Segment[] =>
    [
      { text: s.slice(0, start), differs: false },
      { text: s.slice(start, s.length - end), differs: true },
      { text: s.slice(s.length - end), differs: false },
    ].filter((seg) => seg.text.length > 0);
  return { a: split(a), b: split(b), common: start + end };
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** What differs between two URIs, in words a partner recognises. */
export function describeDifferences(requested: string, registered: string): string[] {
  if (requested === registered) return [];
  const r = tryUrl(requested);
  const g = tryUrl(registered);
  const out: string[] = [];
  if (requested.trim() !== requested || registered.trim() !== registered) out.push("spaces at the start or end");
  if (!r || !g) return out.length ? out : ["the address as a whole"];
  if (r.protocol !== g.protocol) out.push(`the scheme (${r.protocol.replace(":", "")} instead of ${g.protocol.replace(":", "")})`);
  if (r.hostname !== g.hostname) {
    if (LOOPBACK.has(r.hostname) && LOOPBACK.has(g.hostname)) {
      out.push(`the loopback host name (${r.hostname} and ${g.hostname} are different strings)`);
    } else out.push(`the host (${r.hostname} instead of ${g.hostname})`);
  } else if (rawHost(requested) !== rawHost(registered)) out.push("the letter case of the host");
  if (r.port !== g.port) out.push(`the port (${r.port || "default"} instead of ${g.port || "default"})`);
  const rp = r.pathname;
  const gp = g.pathname;
  if (rp !== gp) {
    if (rp.replace(/\/+$/, "") === gp.replace(/\/+$/, "")) out.push("a trailing slash");
    else if (rp.toLowerCase() === gp.toLowerCase()) out.push("the letter case of the path");
    else out.push(`the path (${rp} instead of ${gp})`);
  }
  if (r.search !== g.search) out.push("the query string");
  if (!out.length) out.push("the way the address is written (for example encoding or letter case)");
  return out;
}

function rawHost(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1] ?? "";
}

/** Exact match against the registered list, with the closest registered URIs explained. */
export function compareRedirectUri(requested: string, registered: readonly string[]): RedirectComparison {
  const candidates = registered
    .map((uri) => {
      const diff = diffSegments(uri, requested);
      return {
        registered: uri,
        registeredSegments: diff.a,
        requestedSegments: diff.b,
        differences: describeDifferences(requested, uri),
        score: diff.common - Math.abs(uri.length - requested.length),
      };
    })
    .sort((x, y) => y.score - x.score)
    .map(({ score: _score, ...rest }) => rest);
  return { requested, exactMatch: registered.includes(requested), candidates };
}
