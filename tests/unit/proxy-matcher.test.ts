import { unstable_doesMiddlewareMatch as matches } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// proxy.ts gives pages their nonce, policy and redirects. Route handlers set their own headers
// (lib/http/route-headers.ts); running the proxy for them cost a third of an API request.
describe("which requests proxy.ts runs for", () => {
  it.each(["/", "/sign-in", "/registrations/new", "/admin/registrations/1", "/oidc/token", "/sandbox/interaction/abc"])(
    "runs for the page or rewrite %s",
    (url) => {
      expect(matches({ config, url })).toBe(true);
    },
  );

  it.each(["/api", "/api/registrations/0b6f/draft", "/api/health", "/api/auth/session", "/sandbox/v1/users/me", "/_next/static/chunks/app.js"])(
    "skips %s",
    (url) => {
      expect(matches({ config, url })).toBe(false);
    },
  );

  // Every address there is a route handler, unknown ones included (app/api/[[...path]]), and
  // route handlers never run server actions: e2e/bad-input.spec.ts shows what they answer.
  it.each(["/api/registrations", "/api/no-such-route", "/sandbox/v1/users/me"])("skips a server-action request to %s", (url) => {
    expect(matches({ config, url, headers: { "next-action": "0123456789abcdef0123456789abcdef01234567" } })).toBe(false);
  });
});
