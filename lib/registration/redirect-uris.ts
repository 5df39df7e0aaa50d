// Rules and warnings for redirect URIs. A redirect URI is stored exactly as entered (outer
// whitespace trimmed), because the authorisation server compares it character for character.
import type { ClientType, Environment, FieldName, RegistrationData } from "./fields";
import { POSTMAN_DESKTOP_CALLBACK, POSTMAN_WEB_CALLBACK } from "./fields";
import { checkHttpUrl, INNER_SPACE_OR_CONTROL, isLoopbackHost, MAX_URL_LENGTH, MESSAGES, parseUrl, rawUrlParts } from "./urls";

export type RedirectContext = { environment: Environment; clientType: ClientType; portalCallback?: string };
export type Warning = { field: FieldName; message: string };

const DANGEROUS_SCHEMES = ["javascript", "data", "file", "vbscript", "about", "blob", "filesystem"];
const POSTMAN_HOST = "oauth.pstmn.io";
/** Reverse-domain private-use scheme (RFC 8252 section 7.1), such as com.example.app. */
const REVERSE_DOMAIN_SCHEME = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+$/;

/** The scheme a browser would see: it ignores leading spaces/control characters and tabs or newlines anywhere. */
function effectiveScheme(value: string): string | undefined {
  const cleaned = value
    .replace(/[\t\n\r]/g, "")
    .replace(/^[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+/, "");
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)?.[1]?.toLowerCase();
}

export function isPostmanRedirect(value: string): boolean {
  const v = value.trim();
  return v === POSTMAN_WEB_CALLBACK || v === POSTMAN_DESKTOP_CALLBACK || rawUrlParts(v)?.host === POSTMAN_HOST;
}

export function isLoopbackRedirect(value: string): boolean {
  const raw = rawUrlParts(value.trim());
  return !!raw && (raw.scheme === "http" || raw.scheme === "https") && isLoopbackHost(raw.host);
}

export const PRODUCTION_MESSAGES = {
  portalCallback: "Remove this portal's Test connection callback: it only works with Staging clients. Use your app's own https:// callback.",
  loopback: "Replace this loopback address with your app's public https:// callback: in Production, users sign in from their own devices.",
} as const;

/**
 * What Production refuses beyond the shared rules: the portal's own Test connection callback, and
 * loopback addresses (http or https). Private-use schemes of native apps stay allowed.
 */
export function productionRedirectProblem(uri: string, portalCallback: string | undefined): string | undefined {
  if (portalCallback && uri === portalCallback) return PRODUCTION_MESSAGES.portalCallback;
  if (isLoopbackRedirect(uri)) return PRODUCTION_MESSAGES.loopback;
  return undefined;
}

/** Returns what to fix in one redirect URI, or undefined when it is acceptable. */
export function checkRedirectUri(value: string, ctx: RedirectContext): string | undefined {
  const scheme0 = effectiveScheme(value);
  if (scheme0 && DANGEROUS_SCHEMES.includes(scheme0)) {
    return `Addresses starting with ${scheme0}: cannot receive users after sign-in: enter the https:// address of your callback endpoint instead.`;
  }
  const uri = value.trim();
  if (!uri) return "Enter a redirect URI, or remove this empty row.";
  if (uri.length > MAX_URL_LENGTH) return MESSAGES.tooLong;
  if (INNER_SPACE_OR_CONTROL.test(uri)) return MESSAGES.spaces;
  if (uri.includes("#")) return "Remove the fragment (the # and everything after it): redirect URIs cannot contain one.";
  if (uri.includes("*")) {
    return "Remove the wildcard (*): list every redirect URI in full, because each must match exactly.";
  }
  const raw = rawUrlParts(uri);
  if (!raw) return "Enter the full redirect URI, starting with https://, for example https://client.example/callback.";
  if (raw.scheme === "https" || raw.scheme === "http") {
    // The portal's callback first: on a local portal it is also http, and "use https" would mislead.
    if (ctx.environment === "production" && ctx.portalCallback && uri === ctx.portalCallback) return PRODUCTION_MESSAGES.portalCallback;
    const problem = checkHttpUrl(uri, ctx.environment, "redirect URI");
    return problem ?? (ctx.environment === "production" ? productionRedirectProblem(uri, ctx.portalCallback) : undefined);
  }
  if (raw.scheme.includes(".")) {
    if (ctx.clientType !== "public_native") {
      return `Private-use schemes such as ${raw.scheme}: are only for mobile and desktop apps: choose that client type, or use an https:// redirect URI.`;
    }
    if (!REVERSE_DOMAIN_SCHEME.test(raw.scheme)) {
      return "Write the scheme as a domain you own in reverse order, for example com.example.app:/callback.";
    }
    if (raw.userInfo !== null) return MESSAGES.userInfo;
    if (uri.includes("\\")) return MESSAGES.backslash;
    if (uri.length === raw.scheme.length + 1 || !parseUrl(uri)) {
      return `Add a path after the scheme, for example ${raw.scheme}:/callback.`;
    }
    return undefined;
  }
  if (ctx.clientType === "public_native") {
    return `Custom schemes like ${raw.scheme}: must be a domain you own in reverse order, such as com.example.app:/callback, or use an https:// redirect URI.`;
  }
  return `Use an https:// redirect URI. (Custom schemes in reverse-domain form, such as com.example.app:/callback, are only for mobile and desktop apps.)`;
}

/** Advice that does not block the registration, for one redirect URI. */
export function redirectUriWarnings(value: string, opts: { environment: Environment }): string[] {
  const uri = value.trim();
  const raw = rawUrlParts(uri);
  const out: string[] = [];
  if (!raw) return out;
  if (raw.scheme === "http" && raw.host === "localhost") {
    out.push(
      `Consider http://127.0.0.1 instead of localhost in ${uri}: the name localhost can resolve to another address or be blocked by firewalls, while the IP address always means this machine (RFC 8252, section 8.3).`,
    );
  }
  if (opts.environment === "production") {
    if (isPostmanRedirect(uri)) {
      out.push(`${uri} is a Postman test callback: remove it from the Production registration unless you really use Postman in Production.`);
    }
  }
  return out;
}

/** Same host, or the same last two labels (a rough "same site" test that needs no suffix list). */
function sameSite(a: string, b: string): boolean {
  if (a === b) return true;
  const ip = /^[\d.]+$|^\[/;
  if (ip.test(a) || ip.test(b)) return false;
  const tail = (h: string) => h.split(".").slice(-2).join(".");
  return a.includes(".") && b.includes(".") && tail(a) === tail(b);
}

function siteHost(value: string): string | undefined {
  const uri = value.trim();
  if (!uri) return undefined;
  const url = parseUrl(uri);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) return undefined;
  return isLoopbackHost(url.hostname) ? undefined : url.hostname.replace(/\.$/, "");
}

/**
 * Warns when the https redirect URIs point at hosts unrelated to the app's own pages (Client URI,
 * Terms of Service, Privacy Policy). Loopback and Postman redirect URIs are ignored.
 */
export function hostsDifferWarning(data: Pick<RegistrationData, "clientUri" | "tosUri" | "policyUri" | "redirectUris">): Warning | undefined {
  const sites = [data.clientUri, data.tosUri, data.policyUri].map(siteHost).filter((h): h is string => !!h);
  if (sites.length === 0) return undefined;
  const redirectHosts = new Set<string>();
  for (const value of data.redirectUris) {
    if (isPostmanRedirect(value) || isLoopbackRedirect(value)) continue;
    const url = parseUrl(value.trim());
    if (url?.protocol === "https:" && url.hostname) redirectHosts.add(url.hostname.replace(/\.$/, ""));
  }
  const unrelated = [...redirectHosts].filter((host) => !sites.some((site) => sameSite(host, site)));
  if (unrelated.length === 0) return undefined;
  const list = unrelated.join(", ");
  return {
    field: "redirectUris",
    message: `The redirect URIs use ${list}, which is not the domain of your Client URI, Terms of Service or Privacy Policy: check that you control ${unrelated.length > 1 ? "these hosts" : "this host"}, as reviewers will ask about it.`,
  };
}
