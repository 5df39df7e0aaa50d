// The instant-staging policy's checks, as a pure function: given a submitted registration and
// the admin's policy, did it pass every condition, and if not, which ones sent it to a person?
// lib/domain/policy.ts runs it after a submission; the unit tests walk each condition.
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { hostsDifferWarning, isLoopbackRedirect, isPostmanRedirect } from "@/lib/registration/redirect-uris";
import { validateRegistration } from "@/lib/registration/schema";
import { parseUrl } from "@/lib/registration/urls";

/** The review warnings an admin can mark as blocking, with the words the policy page uses. */
export const WARNING_KINDS = {
  pkce_exception: "A PKCE exception is requested",
  hosts_differ: "The redirect URIs' hosts differ from the site's hosts (Client URI, Terms, Privacy Policy)",
  localhost_redirect: "A redirect URI uses http://localhost rather than 127.0.0.1",
} as const;
export type WarningKind = keyof typeof WARNING_KINDS;
export const isWarningKind = (v: string): v is WarningKind => Object.hasOwn(WARNING_KINDS, v);

export type PolicySettings = { enabled: boolean; allowedScopes: string[]; blockingWarnings: WarningKind[]; allowedDomains: string[] };

export type PolicyCheckId = "environment" | "validation" | "warnings" | "scopes" | "domains";
/** One condition's result; `message` says what failed, in words the partner can act on. */
export type PolicyCheck = { id: PolicyCheckId; passed: boolean; message?: string };
export type PolicyResult = { passed: boolean; checks: PolicyCheck[]; reasons: string[] };

/**
 * Multi-label public suffixes that "the last two labels" would get wrong. Without the full
 * Public Suffix List this keeps the common ones from counting as one organization's domain
 * (two strangers on github.io, or on co.uk, are not the same site).
 */
const PUBLIC_SUFFIXES = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "gov.uk",
  "com.au",
  "net.au",
  "org.au",
  "co.nz",
  "co.jp",
  "com.br",
  "co.in",
  "co.za",
  "github.io",
  "gitlab.io",
  "herokuapp.com",
  "vercel.app",
  "netlify.app",
  "pages.dev",
  "azurewebsites.net",
  "cloudfront.net",
  "appspot.com",
  "web.app",
  "firebaseapp.com",
]);

/** The registrable domain of a host name (example.com for api.example.com; a.github.io for x.a.github.io). */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  const lastTwo = labels.slice(-2).join(".");
  return labels.slice(PUBLIC_SUFFIXES.has(lastTwo) ? -3 : -2).join(".");
}

const hostOf = (value: string) => {
  const url = parseUrl(value.trim());
  return url && (url.protocol === "https:" || url.protocol === "http:") && url.hostname ? url.hostname.replace(/\.$/, "").toLowerCase() : undefined;
};

/** On the allow-list: the listed domain itself or a host under it. */
const onAllowList = (host: string, allowed: string[]) => allowed.some((d) => host === d || host.endsWith(`.${d}`));

/** The hosts a registration names that must belong to the Client URI's domain or the allow-list. */
function namedDomains(data: RegistrationData, environment: Environment, portalCallback: string | undefined): string[] {
  const out: string[] = [];
  for (const contact of data.contacts) {
    const domain = contact.split("@").pop()?.trim().toLowerCase();
    if (domain) out.push(domain);
  }
  for (const uri of data.redirectUris) {
    if (uri.trim() === portalCallback) continue; // the portal's own Test connection callback never counts
    if (environment === "staging" && (isPostmanRedirect(uri) || isLoopbackRedirect(uri))) continue;
    const host = hostOf(uri);
    if (host) {
      out.push(host);
      continue;
    }
    // A private-use scheme (com.example.app:/callback) names its domain in reverse.
    const scheme = /^([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+):/i.exec(uri.trim())?.[1];
    if (scheme) out.push(scheme.toLowerCase().split(".").reverse().join("."));
  }
  return [...new Set(out)];
}

export function evaluatePolicy(
  data: RegistrationData,
  ctx: { environment: Environment; brand: string; policy: PolicySettings; portalCallback?: string },
): PolicyResult {
  const { policy, environment } = ctx;
  const checks: PolicyCheck[] = [];
  const add = (id: PolicyCheckId, failure: string | undefined) => checks.push(failure ? { id, passed: false, message: failure } : { id, passed: true });

  add("environment", environment === "staging" ? undefined : "Production registrations are always reviewed by a person.");

  // The portal's own callback is left out of the checks: on a local portal it is an
  // http://localhost address, which would otherwise draw the loopback advice.
  const checked = { ...data, redirectUris: data.redirectUris.filter((u) => u.trim() !== ctx.portalCallback) };
  const validation = validateRegistration(data, { environment, brand: ctx.brand });
  add("validation", validation.valid ? undefined : "Some fields do not pass validation.");

  const found: WarningKind[] = [];
  if (checked.clientType === "confidential" && checked.pkceSupport === "not_supported") found.push("pkce_exception");
  if (hostsDifferWarning(checked)) found.push("hosts_differ");
  if (checked.redirectUris.some((u) => hostOf(u) === "localhost" && /^http:/i.test(u.trim()))) found.push("localhost_redirect");
  const blocking = found.filter((k) => policy.blockingWarnings.includes(k));
  add("warnings", blocking.length ? `Review warnings that need a person: ${blocking.map((k) => WARNING_KINDS[k].toLowerCase()).join("; ")}.` : undefined);

  const outside = data.scopes.filter((s) => !policy.allowedScopes.includes(s));
  add("scopes", outside.length ? `Scopes that need a person's approval: ${outside.join(", ")}.` : undefined);

  const site = hostOf(data.clientUri);
  const home = site ? registrableDomain(site) : undefined;
  const foreign = namedDomains(data, environment, ctx.portalCallback).filter(
    (host) => !(home && registrableDomain(host) === home) && !onAllowList(host, policy.allowedDomains),
  );
  add(
    "domains",
    foreign.length ? `Domains other than the Client URI's${home ? ` (${home})` : ""} and not on the allow-list: ${foreign.join(", ")}.` : undefined,
  );

  const reasons = checks.flatMap((c) => (c.passed ? [] : [c.message!]));
  return { passed: reasons.length === 0, checks, reasons };
}
