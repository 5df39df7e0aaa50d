import { afterEach, describe, expect, it, vi } from "vitest";
import { ROUTE_HANDLER_CSP, withRouteHeaders } from "@/lib/http/route-headers";
import { STRICT_TRANSPORT_SECURITY } from "@/lib/http/transport-security";

// proxy.ts does not run for route handlers; this is their default Content-Security-Policy.
describe("withRouteHeaders", () => {
  it("keeps a policy the handler set itself", () => {
    const own = new Response("x", { headers: { "Content-Security-Policy": "default-src 'none'; sandbox" } });
    expect(withRouteHeaders(own).headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  it("adds the strict default otherwise", () => {
    const response = withRouteHeaders(Response.json({ ok: true }, { status: 201 }));
    expect(response.headers.get("content-security-policy")).toBe(ROUTE_HANDLER_CSP);
    expect(response.status).toBe(201);
  });

  it("answers a copy when the headers are immutable (Response.redirect)", async () => {
    const response = withRouteHeaders(Response.redirect("https://portal.example/next", 303));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://portal.example/next");
    expect(response.headers.get("content-security-policy")).toBe(ROUTE_HANDLER_CSP);
  });
});

// proxy.ts does not run for route handlers, so their HSTS comes from here too.
describe("withRouteHeaders in production", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("adds Strict-Transport-Security when APP_ENV=production, keeping the handler's own policy", () => {
    vi.stubEnv("APP_ENV", "production");
    const own = withRouteHeaders(new Response("x", { headers: { "Content-Security-Policy": "default-src 'none'; sandbox" } }));
    expect(own.headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
    expect(own.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const redirect = withRouteHeaders(Response.redirect("https://portal.example/next", 303));
    expect(redirect.headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it("sends no Strict-Transport-Security outside production", () => {
    vi.stubEnv("APP_ENV", "staging");
    expect(withRouteHeaders(Response.json({ ok: true })).headers.has("strict-transport-security")).toBe(false);
  });
});
