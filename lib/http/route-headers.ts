// Route handlers answer JSON, images, files and redirects, never pages: nothing in their
// responses may load or run. proxy.ts does not run for them (its matcher skips /api/ and
// /sandbox/v1/), so the headers it gives pages come from here: a Content-Security-Policy
// unless the handler set its own, and Strict-Transport-Security in production.
import { strictTransportSecurity } from "./transport-security";

export const ROUTE_HANDLER_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The response with ROUTE_HANDLER_CSP (unless the handler set a policy) and, in production, HSTS. */
export function withRouteHeaders(response: Response): Response {
  const hsts = strictTransportSecurity();
  const csp = response.headers.has("content-security-policy") ? undefined : ROUTE_HANDLER_CSP;
  if (!hsts && !csp) return response;
  const set = (headers: Headers) => {
    if (csp) headers.set("Content-Security-Policy", csp);
    if (hsts) headers.set("Strict-Transport-Security", hsts);
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Headers of Response.redirect() and of fetched responses are immutable: answer a copy.
    const copy = new Response(response.body, response);
    set(copy.headers);
    return copy;
  }
}
