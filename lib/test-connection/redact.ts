// Redaction of everything the timeline stores. Two independent layers:
//  1. by name: Authorization headers, cookies, and parameters/JSON fields that carry a secret
//     (code, code_verifier, client_secret, access/refresh/id tokens, state) are masked;
//  2. by value: every secret this run has seen (client secret, verifier, code, tokens) is
//     replaced wherever else it appears (URLs, error descriptions, echoed bodies).
// A masked value keeps its first 4 characters so a partner can tell two values apart;
// client secrets and passwords keep nothing.
import { truncateText } from "@/lib/text/unicode";

export const REDACTED = "[redacted]";
const ELLIPSIS = "…";

/** Names whose values are masked, keeping the first 4 characters. */
const MASK_KEYS = new Set([
  "code",
  "code_verifier",
  "access_token",
  "refresh_token",
  "id_token",
  "state",
  "nonce",
  "token",
  "device_code",
  "registration_access_token",
  "client_assertion",
]);
/** Names whose values are removed entirely. */
const HIDE_KEYS = new Set(["client_secret", "password", "secret"]);
const HIDE_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "dpop"]);
/** Value-based scrubbing ignores short strings, which would match ordinary text. */
const MIN_SCRUB_LENGTH = 8;
const MAX_STRING = 4000;

export function mask(value: string): string {
  if (value.length <= 8) return REDACTED;
  return `${value.slice(0, 4)}${ELLIPSIS}${REDACTED}`;
}

function redactHeaderValue(name: string, value: string): string {
  const key = name.toLowerCase();
  if (key === "authorization" || key === "proxy-authorization") {
    const [scheme, credentials] = value.split(/\s+/, 2);
    if (!credentials) return REDACTED;
    // Basic carries base64(client_id:client_secret): nothing of it is kept.
    return /^basic$/i.test(scheme!) ? `${scheme} ${REDACTED}` : `${scheme} ${mask(credentials)}`;
  }
  return HIDE_HEADERS.has(key) ? REDACTED : value;
}

export function redactHeaders(headers: Record<string, string> | Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) out[name.toLowerCase()] = redactHeaderValue(name, String(value));
  return out;
}

function redactField(key: string, value: string): string {
  const k = key.toLowerCase();
  if (HIDE_KEYS.has(k) || k.endsWith("_secret")) return REDACTED;
  if (MASK_KEYS.has(k) || k.endsWith("_token")) return mask(value);
  return value;
}

/** Form or query parameters as an object, secrets masked. */
export function redactParams(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = redactField(key, value);
  return out;
}

/** A URL with its secret-bearing query parameters masked (masked values left unencoded, for reading). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.username = "";
  parsed.password = "";
  const pairs: string[] = [];
  for (const [key, value] of parsed.searchParams) {
    const redacted = redactField(key, value);
    pairs.push(`${encodeURIComponent(key)}=${redacted === value ? encodeURIComponent(value) : redacted}`);
  }
  const hash = parsed.hash;
  parsed.search = "";
  parsed.hash = "";
  return `${parsed.toString()}${pairs.length ? `?${pairs.join("&")}` : ""}${hash}`;
}

/** A parsed JSON body with secret fields masked, at any depth. */
export function redactJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = typeof v === "string" ? redactField(k, v) : redactJson(v, depth + 1);
    }
    return out;
  }
  return value;
}

function truncate(value: string): string {
  if (value.length <= MAX_STRING) return value;
  const kept = truncateText(value, MAX_STRING);
  return `${kept}${ELLIPSIS} (${value.length - kept.length} more characters)`;
}

/**
 * Collects the secrets of one run and scrubs them from anything before it is stored. Add a
 * secret as soon as it is known; `scrub` is the last step before writing.
 */
export class Redactor {
  private readonly secrets = new Map<string, string>();

  /** Registers a secret; `hide` replaces it with [redacted] instead of its first characters. */
  add(value: string | null | undefined, hide = false): this {
    if (typeof value === "string" && value.length >= MIN_SCRUB_LENGTH) {
      this.secrets.set(value, hide ? REDACTED : mask(value));
      // The same secret may appear form- or URL-encoded.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) this.secrets.set(encoded, hide ? REDACTED : mask(value));
    }
    return this;
  }

  scrubString(value: string): string {
    let out = value;
    // Longest first, so a token containing another secret is replaced whole.
    for (const [secret, replacement] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) {
      if (out.includes(secret)) out = out.split(secret).join(replacement);
    }
    return truncate(out);
  }

  scrub<T>(value: T, depth = 0): T {
    if (depth > 30) return REDACTED as T;
    if (typeof value === "string") return this.scrubString(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrub(v, depth + 1)) as T;
    if (value && typeof value === "object" && !(value instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.scrubString(k)] = this.scrub(v, depth + 1);
      return out as T;
    }
    return value;
  }
}

/** Parses a recorded body for display: JSON when it is JSON, form fields when it is a form, else text. */
export function readableBody(text: string | null | undefined, contentType: string | null | undefined): unknown {
  if (text === null || text === undefined || text === "") return null;
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json") || /^\s*[{[]/.test(text)) {
    try {
      return redactJson(JSON.parse(text));
    } catch {
      // fall through to text
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return redactParams(new URLSearchParams(text));
  return truncate(text);
}
