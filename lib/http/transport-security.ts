// Strict-Transport-Security, sent only when the portal runs in production (APP_ENV=production,
// behind TLS). Pages get it from proxy.ts; route handlers, which the proxy skips, from
// withRouteHeaders (lib/http/route-headers.ts).

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The header's value for this deployment, or undefined outside production. */
export function strictTransportSecurity(): string | undefined {
  return process.env.APP_ENV === "production" ? STRICT_TRANSPORT_SECURITY : undefined;
}
