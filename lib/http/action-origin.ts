// The CSRF rule for server actions, applied by proxy.ts before Next.js sees the request.
// Next.js itself refuses a server action whose Origin does not match the host, but with a 500
// (and a malformed Origin with an HTML error page), and it lets one without an Origin through.
// Pure: no Next.js or server imports, so it can be unit-tested on plain Headers.

/** Route handlers, the Pages API and the authorization server: never server actions. */
const NOT_PAGES = /^\/(api|oidc)(\/|$)/;

/**
 * The host the request was addressed to, as Next.js compares it: the first X-Forwarded-Host,
 * else Host. server.mjs keeps X-Forwarded-Host only behind a trusted proxy (TRUST_PROXY), so
 * otherwise this is the Host header the browser sent (localhost and 127.0.0.1 stay distinct).
 */
function requestHost(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host") || undefined;
}

/** A fetch action (Next-Action header), or a form posted to a page (an action without JavaScript). */
function isServerActionRequest(method: string, pathname: string, headers: Headers): boolean {
  if (headers.has("next-action")) return true;
  return method === "POST" && !NOT_PAGES.test(pathname) && (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Why a server-action request must be refused, or undefined to let it through. Browsers send
 * Origin on every POST, same-origin ones included (our Referrer-Policy never makes it "null"),
 * so a POST without one did not come from one of our pages. Like Next.js, only the host is
 * compared: behind a TLS-terminating proxy the scheme the portal sees is not the browser's.
 */
export function serverActionRefusal(method: string, pathname: string, headers: Headers): string | undefined {
  if (!isServerActionRequest(method, pathname, headers)) return undefined;
  const origin = headers.get("origin");
  if (origin === null) return method === "GET" || method === "HEAD" ? undefined : "it has no Origin header";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, data: documents, cross-site redirects) or not an origin at all.
    return "its Origin header is not a web origin";
  }
  if (!originHost) return "its Origin header is not a web origin";
  return originHost === requestHost(headers) ? undefined : "its Origin is another site";
}
