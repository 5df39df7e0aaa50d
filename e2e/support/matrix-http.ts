import type { APIRequestContext, APIResponse } from "@playwright/test";

// How the authorization matrix asks the real server, and how it reads the answers. Pages and
// route handlers are plain requests; server actions are POSTs with the Next-Action header,
// decoded from React's flight format.

export const PERSONAS = ["anonymous", "memberA", "ownerA", "memberB", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];
export type Clients = Record<Persona, APIRequestContext>;

/** One cell of the matrix that did not match. */
export type Mismatch = { entry: string; persona: Persona | "-"; expected: string; actual: string };

/** The mismatches as an aligned table: entry, persona, expected, actual. */
export function formatMismatches(title: string, mismatches: Mismatch[]): string {
  const head = { entry: "entry", persona: "persona", expected: "expected", actual: "actual" };
  const rows = [head, ...mismatches];
  const width = (k: keyof Mismatch) => Math.max(...rows.map((r) => String(r[k]).length));
  const line = (r: Mismatch | typeof head) =>
    `  ${String(r.entry).padEnd(width("entry"))}  ${String(r.persona).padEnd(width("persona"))}  ${String(r.expected).padEnd(width("expected"))}  ${r.actual}`;
  return `${mismatches.length} cell(s) of the ${title} differ from the hand-written table:\n${rows.map(line).join("\n")}\n`;
}

/** Path and query of a Location header, when it points at this server. */
function localLocation(location: string, baseURL: string): string {
  const url = new URL(location, baseURL);
  return url.origin === new URL(baseURL).origin ? url.pathname + url.search : url.href;
}

/** The HTML a visitor sees, without the scripts (the flight data embeds the 404 page's tree everywhere). */
function visibleHtml(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/gi, "");
}

const NOT_FOUND_HEADING = "This page does not exist, or you do not have access to it";

/**
 * What a GET answered, in the matrix's words: the status; "sign-in" for a redirect to
 * /sign-in?callbackUrl=<the requested path>; "redirect <path>" for any other redirect. A 200
 * whose body is a streamed redirect or the not-found page says so, because a page that
 * decides access after it started streaming answers 200 where the table expects 404.
 */
export async function describeResponse(response: APIResponse, requested: string, baseURL: string): Promise<string> {
  const status = response.status();
  if (status >= 300 && status < 400) {
    const location = localLocation(response.headers()["location"] ?? "", baseURL);
    if (location === `/sign-in?callbackUrl=${encodeURIComponent(requested)}`) return "sign-in";
    return `redirect ${location}`;
  }
  if (status === 200 && (response.headers()["content-type"] ?? "").startsWith("text/html")) {
    const html = visibleHtml(await response.text());
    const streamed = html.match(/<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]*)"/);
    if (streamed) return `200 (streamed redirect to ${streamed[1]!.replace(/&amp;/g, "&")})`;
    if (html.includes(NOT_FOUND_HEADING)) return "200 (the not-found page)";
  }
  return String(status);
}

export type ActionOutcome = "allowed" | "unauthenticated" | "forbidden" | "not found";

/** A server action's answer: the result object, a redirect, or an HTTP-level answer (a 3xx's text is its location). */
export type ActionAnswer = { kind: "result"; value: unknown } | { kind: "redirect"; location: string } | { kind: "http"; status: number; text: string };

/** "$undefined" is how the flight format writes undefined inside objects. */
function revive(value: unknown): unknown {
  if (value === "$undefined") return undefined;
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/** The action's return value from an RSC stream: row 0 names the row ("$@<id>") that holds it. */
export function parseActionResult(text: string): unknown {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = line.match(/^([0-9a-f]+):(.*)$/);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
  if (!head || typeof head.a !== "string") throw new Error(`No action result in the response: ${text.slice(0, 300)}`);
  if (!head.a.startsWith("$@")) return revive(head.a);
  const row = rows.get(head.a.slice(2));
  if (row === undefined) throw new Error(`The action result row ${head.a} is missing: ${text.slice(0, 300)}`);
  return revive(JSON.parse(row));
}

/**
 * Calls a server action the way the browser does: a POST to a page with the Next-Action
 * header, the portal's own Origin (proxy.ts refuses any other), and the arguments as a JSON
 * array, which React's decodeReply accepts as text/plain.
 */
export async function callAction(client: APIRequestContext, baseURL: string, path: string, id: string, args: unknown[]): Promise<ActionAnswer> {
  const response = await client.post(path, {
    headers: { "Next-Action": id, Origin: new URL(baseURL).origin, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const redirect = response.headers()["x-action-redirect"];
  if (redirect) return { kind: "redirect", location: localLocation(redirect.replace(/;(push|replace)$/, ""), baseURL) };
  if (response.status() >= 300 && response.status() < 400) {
    return { kind: "http", status: response.status(), text: localLocation(response.headers()["location"] ?? "", baseURL) };
  }
  const text = await response.text();
  if (response.status() !== 200 || !(response.headers()["content-type"] ?? "").startsWith("text/x-component")) {
    return { kind: "http", status: response.status(), text: text.slice(0, 200) };
  }
  return { kind: "result", value: parseActionResult(text) };
}

type Refusal = { ok: false; error?: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * The matrix's reading of an action's answer. The action() wrapper answers code
 * "unauthenticated" or "forbidden" before it validates anything, so field errors, a success
 * or a redirect all mean authorization passed ("allowed"); any other refusal is the handler
 * declining the object ("not found": unknown, or not this organization's). Anything else is
 * reported as it came.
 */
export function classifyAction(answer: ActionAnswer): { outcome: ActionOutcome | string; detail: string } {
  if (answer.kind === "http" && answer.status >= 300 && answer.text.startsWith("/sign-in?"))
    return { outcome: "sign-in", detail: `HTTP ${answer.status} to ${answer.text}` };
  if (answer.kind === "http") return { outcome: `HTTP ${answer.status}`, detail: answer.text };
  if (answer.kind === "redirect") return { outcome: "allowed", detail: `redirect to ${answer.location}` };
  const value = answer.value as { ok?: boolean } | undefined | null;
  if (value === undefined || value === null) return { outcome: "allowed", detail: "no result (a form action)" };
  if (value.ok === true) return { outcome: "allowed", detail: "ok" };
  const refusal = value as Refusal;
  const detail = `${refusal.code ? `[${refusal.code}] ` : ""}${refusal.error ?? JSON.stringify(value)}`;
  if (refusal.code === "unauthenticated" || refusal.code === "forbidden") return { outcome: refusal.code, detail };
  if (refusal.fieldErrors && Object.keys(refusal.fieldErrors).length > 0)
    return { outcome: "allowed", detail: `field errors: ${Object.keys(refusal.fieldErrors).join(", ")}` };
  if (/Something went wrong on our side/.test(refusal.error ?? "")) return { outcome: "server error", detail };
  return { outcome: "not found", detail };
}

/** Runs `fn` over the items, at most `limit` at a time, keeping the order of the results. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
