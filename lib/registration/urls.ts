// Rules for the web addresses in a registration (Client URI, Terms of Service, Privacy Policy,
// Initiation URI, Settings URI). Pure: uses only the WHATWG URL parser available everywhere.
import type { Environment } from "./fields";

export const MAX_URL_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** localhost, 127.0.0.1 or [::1] (the address of the user's own machine). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

export type RawUrlParts = { scheme: string; hasAuthority: boolean; userInfo: string | null; host: string };

/**
 * Splits the text as typed, before any parser tidies it up, so rules can look at exactly what
 * will be stored: "scheme:", then "//authority" when present.
 */
export function rawUrlParts(value: string): RawUrlParts | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(\/\/([^/?#]*))?/.exec(value);
  if (!match) return undefined;
  const authority = match[3] ?? "";
  const at = authority.lastIndexOf("@");
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith("[") ? hostPort.slice(0, hostPort.indexOf("]") + 1) : hostPort.replace(/:\d*$/, "");
  return {
    scheme: (match[1] ?? "").toLowerCase(),
    hasAuthority: match[2] !== undefined,
    userInfo: at >= 0 ? authority.slice(0, at) : null,
    host: host.toLowerCase(),
  };
}

export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Whitespace and control characters anywhere inside (outer whitespace is trimmed before this). */
export const INNER_SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

export const MESSAGES = {
  tooLong: "Shorten the URL to at most 2,048 characters.",
  spaces: "Remove the spaces or line breaks inside the URL (write a space as %20).",
  backslash: "Use forward slashes (/) in the URL, not backslashes.",
  userInfo: "Remove the user name and password (the part before @) from the URL.",
  httpStaging: "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging.",
  httpProduction: "Use https:// (Production does not accept http, not even for localhost).",
  noHost: "Add the host name after https://, for example https://client.example/.",
} as const;

/**
 * Checks an https (or, in Staging, loopback http) address. Returns what to fix, or undefined.
 * Shared by the web URL fields and redirect URIs; `label` names the field in messages.
 */
export function checkHttpUrl(value: string, environment: Environment, label: string): string | undefined {
  if (value.length > MAX_URL_LENGTH) return MESSAGES.tooLong;
  if (INNER_SPACE_OR_CONTROL.test(value)) return MESSAGES.spaces;
  if (value.includes("\\")) return MESSAGES.backslash;
  const raw = rawUrlParts(value);
  if (!raw) return `Enter the full ${label}, starting with https://, for example https://client.example/.`;
  if (raw.scheme !== "https" && raw.scheme !== "http") {
    return `Use a web address starting with https:// for the ${label}.`;
  }
  if (!raw.hasAuthority) return `Write the ${label} as ${raw.scheme}://host/path, with two slashes after the colon.`;
  if (raw.userInfo !== null) return MESSAGES.userInfo;
  const url = parseUrl(value);
  if (!url || !url.hostname || !raw.host)
    return raw.host ? `Enter the ${label} as a valid web address, for example https://client.example/page.` : MESSAGES.noHost;
  if (url.username || url.password) return MESSAGES.userInfo;
  if (raw.scheme === "http") {
    if (environment === "production") return MESSAGES.httpProduction;
    if (!isLoopbackHost(raw.host) || !isLoopbackHost(url.hostname)) return MESSAGES.httpStaging;
  }
  return undefined;
}

/** Client URI, Terms of Service, Privacy Policy, Initiation URI and Settings URI. */
export function checkWebUrl(value: string, opts: { environment: Environment; label?: string }): string | undefined {
  const trimmed = value.trim();
  const label = opts.label ?? "URL";
  if (!trimmed) return `Enter the ${label}, starting with https://.`;
  return checkHttpUrl(trimmed, opts.environment, label);
}

/**
 * The address to use as a link target, or undefined when it breaks the field's rules. Drafts
 * keep whatever was typed (javascript:, data:, ...), so a stored value is only ever linked
 * after this check.
 */
export function linkableUrl(value: string, environment: Environment): string | undefined {
  return checkWebUrl(value, { environment }) ? undefined : value.trim();
}
