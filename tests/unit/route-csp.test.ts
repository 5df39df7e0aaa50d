import { describe, expect, it } from "vitest";
import { ROUTE_HANDLER_CSP, withDefaultCsp } from "@/lib/http/route-csp";

// proxy.ts leaves route handlers' Content-Security-Policy to them; this is their default.
describe("withDefaultCsp", () => {
  it("keeps a policy the handler set itself", () => {
    const own = new Response("x", { headers: { "Content-Security-Policy": "default-src 'none'; sandbox" } });
    expect(withDefaultCsp(own).headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  });

  it("adds the strict default otherwise", () => {
    const response = withDefaultCsp(Response.json({ ok: true }, { status: 201 }));
    expect(response.headers.get("content-security-policy")).toBe(ROUTE_HANDLER_CSP);
    expect(response.status).toBe(201);
  });

  it("answers a copy when the headers are immutable (Response.redirect)", async () => {
    const response = withDefaultCsp(Response.redirect("https://portal.example/next", 303));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://portal.example/next");
    expect(response.headers.get("content-security-policy")).toBe(ROUTE_HANDLER_CSP);
  });
});
