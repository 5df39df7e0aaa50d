// Characters that text from outside must not carry into the database, and cutting text without
// breaking a character. Pure: the edge (lib/http/clean-input.ts) and the data layer use it.

/**
 * PostgreSQL refuses U+0000 in text and jsonb (also in jsonb keys). An unpaired UTF-16
 * surrogate is not a character at all: jsonb refuses it and a text column silently turns it
 * into U+FFFD, so either way the stored text would not be what was sent.
 */
export const NUL = /\u0000/;
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. Invisible,
 * never typed on purpose (they come with text pasted from terminals and documents), and able
 * to rewrite a terminal that shows a log line; NUL is not here because it is refused instead.
 */
export const STRIPPED_CONTROLS = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** At most `max` UTF-16 code units, never ending on half of a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * For text recorded from someone else's system (an authorization server's answer), which can
 * be neither refused nor asked again: what cannot be stored becomes U+FFFD, as a text column
 * would do with a lone surrogate anyway.
 */
function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\ufffd");
}
const UNSTORABLE = new RegExp(`${NUL.source}|${LONE_SURROGATE.source}`, "g");

/** storableText on every string and key of a JSON-like value (made by our code, so shallow). */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
  }
  return value;
}
