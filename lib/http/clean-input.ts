// The one rule for text arriving from outside, applied where it enters: server action payloads
// (action()), route handler bodies, path parameters and query strings (route(), readJson,
// readForm), the manifest import's JSON, the admin queue and audit pages' query strings, and
// what the embedded authorization server stores (lib/db/oidc-adapter.ts, which refuses only).
//
//   - NUL (U+0000) and unpaired UTF-16 surrogates are refused, naming where they were. They
//     cannot be stored (lib/text/unicode.ts), no keyboard types them, and dropping them quietly
//     would change what was sent without saying so (a redirect URI is compared character for
//     character).
//   - Other control characters (C0 except tab, line feed and carriage return; DEL; C1) are
//     removed. They are invisible and mean nothing in any field. Tab and line breaks stay:
//     comments, notes and the PKCE reason are multi-line, and single-line fields (names, URLs,
//     e-mail addresses) refuse them with their own, more specific message.
//   - Object keys follow the same rule as values. Nesting deeper than MAX_DEPTH is refused: no
//     form or API nests more than a few levels, and walking deeper would risk the stack.
// Everything else (right-to-left marks, zero-width joiners, look-alike letters) is real text in
// some language; the field rules decide where it is not welcome (see checkClientName).
import { LONE_SURROGATE, NUL, STRIPPED_CONTROLS } from "@/lib/text/unicode";

export const MAX_DEPTH = 32;

export type Problem = "nul" | "surrogate" | "too_deep";
export type Refusal = { problem: Problem; path: (string | number)[] };
export type Cleaned<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const PROBLEM_TEXT: Record<Problem, string> = {
  nul: "contains a NUL character (U+0000), which cannot be stored: remove it and try again",
  surrogate: "contains a broken character (an unpaired UTF-16 surrogate, such as half of an emoji), which cannot be stored: remove it and try again",
  too_deep: `is nested more than ${MAX_DEPTH} levels deep`,
};

export function cleanText(text: string): { ok: true; value: string } | { ok: false; problem: Problem } {
  if (NUL.test(text)) return { ok: false, problem: "nul" };
  if (LONE_SURROGATE.test(text)) return { ok: false, problem: "surrogate" };
  return { ok: true, value: text.replace(STRIPPED_CONTROLS, "") };
}

/**
 * A cleaned copy of JSON-like input (strings, arrays, plain objects; anything else is kept as
 * it is, such as numbers or uploaded files), or where the first refused text is.
 */
export function cleanInput(value: unknown): Cleaned<unknown> {
  return walk(value, [], 0);
}

function walk(value: unknown, path: (string | number)[], depth: number): Cleaned<unknown> {
  if (typeof value === "string") {
    const text = cleanText(value);
    return text.ok ? text : { ok: false, refusal: { problem: text.problem, path } };
  }
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return { ok: true, value };
  if (depth >= MAX_DEPTH) return { ok: false, refusal: { problem: "too_deep", path: [] } };
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value as object)) {
    const name = cleanText(key);
    if (!name.ok) return { ok: false, refusal: { problem: name.problem, path: [...path, key] } };
    const inner = walk(item, [...path, array ? Number(key) : name.value], depth + 1);
    if (!inner.ok) return inner;
    entries.push([name.value, inner.value]);
  }
  // fromEntries defines "__proto__" as an own key, as JSON.parse does, instead of setting the prototype.
  return { ok: true, value: array ? entries.map(([, item]) => item) : Object.fromEntries(entries) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON text parsed and cleaned; `syntax` when it is not JSON at all. */
export function parseJsonText(text: string): Cleaned<unknown> | { ok: false; syntax: true } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, syntax: true };
  }
  return cleanInput(json);
}

/** "redirect_uris.2", with any unprintable or overlong key shown safely. */
export function pathName(path: (string | number)[]): string {
  return path.map((part) => printable(String(part))).join(".");
}

function printable(key: string): string {
  const shown = key.replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

/** 'The request body field "redirect_uris.2" contains a NUL character ...': `what` names the input. */
export function refusalMessage(refusal: Refusal, what: string): string {
  const where = refusal.path.length ? `${what} field "${pathName(refusal.path)}"` : what;
  return `${where.charAt(0).toUpperCase()}${where.slice(1)} ${PROBLEM_TEXT[refusal.problem]}.`;
}

/** For a form field's own error, shown next to it. */
export function fieldMessage(problem: Problem): string {
  return `This field ${PROBLEM_TEXT[problem]}.`;
}

type Search = Record<string, string | string[] | undefined>;

/**
 * A page's query string: each named parameter once, cleaned. A refused value is dropped and
 * its message returned, so the page can say why that filter was not applied.
 */
export function cleanSearchParams<K extends string>(search: Search, labels: Record<K, string>) {
  const values: Partial<Record<K, string>> = {};
  const problems: string[] = [];
  for (const name of Object.keys(labels) as K[]) {
    const raw = search[name];
    if (typeof raw !== "string") continue;
    const text = cleanText(raw);
    if (text.ok) values[name] = text.value;
    else problems.push(`The ${labels[name]} filter was not applied: it ${PROBLEM_TEXT[text.problem]}.`);
  }
  return { values, problems };
}
