// The human steps of an authorization code flow (sign-in and consent) without a browser:
// follows the redirects by hand with fetch, keeps the server's cookies per origin, fills in
// the sign-in form and approves the consent form, and stops at the first redirect to the
// client's redirect_uri (which it does not fetch).
//   oidc-provider-dev: oidc-provider's built-in devInteractions pages (/interaction/:uid),
//     a form with prompt=login, login and password, then one with prompt=consent.
//   portal-sandbox: the embedded server's pages (APP_URL/sandbox/interaction/:uid), a form
//     posting email and password to .../login, then the "Allow" form posting to .../confirm.
import { SANDBOX_PASSWORD } from "@/lib/oauth/sandbox-users";

export type InteractionKind = "oidc-provider-dev" | "portal-sandbox";

export type CompleteAuthorizationOptions = {
  /** oidc-provider-dev: any account id; portal-sandbox: a sandbox user's e-mail. */
  login: string;
  /** Default: "password" (oidc-provider-dev accepts any), or the sandbox users' password. */
  password?: string;
  kind: InteractionKind;
  /** Default: the authorization URL's redirect_uri parameter. */
  redirectUri?: string;
  /** Requests before giving up (a loop would otherwise never end). Default 20. */
  maxRequests?: number;
};

/** name=value cookies per origin; attributes (Path, Expires, ...) are ignored, except that an empty value deletes. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, response: Response) {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "") jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string | undefined {
    const jar = this.byOrigin.get(new URL(url).origin);
    if (!jar?.size) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type Form = { action: string; method: string; inputs: { name: string; type: string; value: string }[] };

const decode = (s: string) =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_m, dec: string, hex: string, named: string) =>
    dec
      ? String.fromCodePoint(Number(dec))
      : hex
        ? String.fromCodePoint(parseInt(hex, 16))
        : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[named.toLowerCase()]!,
  );

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** The forms of an HTML page (only what a form submission needs). */
export function parseForms(html: string, pageUrl: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const attrs = attributes(m[1]!);
    const inputs = [...m[2]!.matchAll(/<input\b([^>]*?)\/?>/gi)]
      .map((i) => attributes(i[1]!))
      .filter((a) => a.name)
      .map((a) => ({ name: a.name!, type: (a.type ?? "text").toLowerCase(), value: a.value ?? "" }));
    return { action: new URL(attrs.action || pageUrl, pageUrl).href, method: (attrs.method ?? "get").toLowerCase(), inputs };
  });
}

const hidden = (form: Form, name: string) => form.inputs.find((i) => i.type === "hidden" && i.name === name)?.value;

/** The form to submit next on this page and its body, or undefined when there is none we know. */
function nextSubmission(forms: Form[], opts: CompleteAuthorizationOptions): { form: Form; body: URLSearchParams; stage: "login" | "consent" } | undefined {
  const dev = opts.kind === "oidc-provider-dev";
  const login = forms.find((f) => (dev ? hidden(f, "prompt") === "login" : /\/login$/.test(new URL(f.action).pathname)));
  if (login) {
    const password = opts.password ?? (dev ? "password" : SANDBOX_PASSWORD);
    const body = new URLSearchParams();
    for (const input of login.inputs) {
      if (input.type === "hidden") body.append(input.name, input.value);
      else if (input.type === "password") body.append(input.name, password);
      else if (["text", "email"].includes(input.type)) body.append(input.name, opts.login);
    }
    return { form: login, body, stage: "login" };
  }
  const consent = forms.find((f) => (dev ? hidden(f, "prompt") === "consent" : /\/confirm$/.test(new URL(f.action).pathname)));
  if (consent) {
    const body = new URLSearchParams();
    for (const input of consent.inputs) if (input.type === "hidden") body.append(input.name, input.value);
    return { form: consent, body, stage: "consent" };
  }
  return undefined;
}

function isRedirectTo(location: string, redirectUri: string): boolean {
  if (!location.startsWith(redirectUri)) return false;
  const next = location.charAt(redirectUri.length);
  return next === "" || next === "?" || next === "#";
}

/**
 * Signs in and consents at the authorization server, starting from the authorization URL.
 * Returns the URL the server sent the browser back to: the redirect URI with code, state and
 * iss (or with error=... when the server refuses). Throws when the pages are not as expected.
 */
export async function completeAuthorization(authorizationUrl: string, opts: CompleteAuthorizationOptions): Promise<string> {
  const redirectUri = opts.redirectUri ?? new URL(authorizationUrl).searchParams.get("redirect_uri");
  if (!redirectUri) throw new Error("completeAuthorization: the authorization URL has no redirect_uri (pass opts.redirectUri)");
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: { method: "GET" | "POST"; body?: URLSearchParams } = { method: "GET" };
  const submitted = new Set<string>();
  const trail: string[] = [];

  for (let i = 0; i < (opts.maxRequests ?? 20); i++) {
    const headers: Record<string, string> = { Accept: "text/html,application/xhtml+xml" };
    const cookie = jar.header(url);
    if (cookie) headers.Cookie = cookie;
    if (init.body) headers["Content-Type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { method: init.method, body: init.body, headers, redirect: "manual" });
    jar.store(url, response);
    trail.push(`${init.method} ${new URL(url).pathname} -> ${response.status}`);

    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url).href;
      if (isRedirectTo(next, redirectUri)) return next;
      url = next;
      init = { method: "GET" };
      continue;
    }
    const html = await response.text();
    const submission = response.ok ? nextSubmission(parseForms(html, url), opts) : undefined;
    if (!submission) {
      const text = html
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 300);
      throw new Error(`completeAuthorization: no sign-in or consent form at ${url} (HTTP ${response.status}): ${text}\n${trail.join("\n")}`);
    }
    // The same form again means the server did not accept it (e.g. a wrong password).
    const key = `${submission.stage} ${new URL(url).pathname}`;
    if (submitted.has(key))
      throw new Error(`completeAuthorization: the ${submission.stage} form came back after it was submitted (rejected?)\n${trail.join("\n")}`);
    submitted.add(key);
    if (submission.form.method !== "post") throw new Error(`completeAuthorization: the ${submission.stage} form uses ${submission.form.method}, expected post`);
    url = submission.form.action;
    init = { method: "POST", body: submission.body };
  }
  throw new Error(`completeAuthorization: no redirect to ${redirectUri} after ${opts.maxRequests ?? 20} requests\n${trail.join("\n")}`);
}
