import { NextResponse, type NextRequest } from "next/server";
import { serverActionRefusal } from "@/lib/http/action-origin";
import { ROUTE_HANDLER_CSP } from "@/lib/http/route-headers";
import { strictTransportSecurity } from "@/lib/http/transport-security";

// Runs before every page request. It sets the per-request Content-Security-Policy nonce and
// security headers, refuses cross-site server-action requests (a CSRF header rule), and
// redirects visitors without a session cookie away from pages that need one. That redirect is
// a convenience only: every page, action and route handler checks access itself through
// lib/auth/guards.ts.
//
// Route handlers (/api/, /sandbox/v1/) skip it (the matcher below): they render no HTML and
// set their own headers (lib/http/route-headers.ts). Running it for them cost a third of a
// signed-in API request's server time (BENCHMARKS.md, autosave).

const PROTECTED = [/^\/registrations(\/|$)/, /^\/organization(\/|$)/, /^\/admin(\/|$)/, /^\/orgs\//];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function contentSecurityPolicy(nonce: string, formTargets: string[] | "any"): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from React and Next; scripts, the real risk, need the nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(formTargets === "any" ? [] : [`form-action 'self'${formTargets.map((t) => ` ${t}`).join("")}`]),
    "frame-ancestors 'none'",
  ].join("; ");
}

function origin(url: string | undefined): string[] {
  try {
    return url ? [new URL(url).origin] : [];
  } catch {
    return [];
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const refusal = serverActionRefusal(request.method, pathname, request.headers);
  if (refusal) {
    return new NextResponse(`Forbidden: this request was refused because ${refusal}. Submit the form again from the portal's own page.\n`, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": ROUTE_HANDLER_CSP },
    });
  }
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && PROTECTED.some((re) => re.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // Sign-in with staff SSO submits a form that redirects to the identity provider. The
  // sandbox's consent form ends in a redirect to the partner's redirect URI, which can be on
  // any origin (or a private-use scheme), so those pages do not restrict form targets.
  // Test connection's start form redirects to the authorization server, which may be external.
  // A manually linked client can live at any https issuer, so registration pages allow https.
  const formTargets = pathname.startsWith("/sandbox/interaction/")
    ? "any"
    : [
        ...origin(process.env.AUTH_OIDC_ISSUER),
        ...origin(process.env.OAUTH_ISSUER),
        ...origin(process.env.OAUTH_PRODUCTION_ISSUER),
        ...(pathname.startsWith("/registrations/") ? ["https:"] : []),
      ];
  const csp = contentSecurityPolicy(nonce, formTargets);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-portal-path", pathname + search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Every address under /api/ and /sandbox/v1/ is a route handler (app/api/[[...path]] and
  // app/sandbox/v1/[[...path]] answer the unknown ones), and route handlers never run server
  // actions, so the CSRF rule has nothing to see there.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api(?:/|$)|sandbox/v1(?:/|$)).*)" }],
};
