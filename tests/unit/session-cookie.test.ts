import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The session cookie is read with Auth.js's own decoder: what Auth.js issued at sign-in names
// a session; anything else (tampered, another secret, expired, no session id) is signed out.
const SECRET = "test-secret-of-enough-length-for-hkdf-0123456789";
const NAME = "authjs.session-token";
let cookie: string | undefined;
let outsideRequest = false;

vi.mock("@/lib/env", () => ({ env: () => ({ authSecret: SECRET, isProduction: false }) }));
vi.mock("@/lib/log", () => ({ log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));
vi.mock("@/lib/db/users", () => ({}));
vi.mock("@/lib/auth/session", () => ({ startSession: vi.fn() }));
vi.mock("next/headers", () => ({
  // Next.js throws synchronously when called outside a request scope.
  cookies: () => {
    if (outsideRequest) throw new Error("`cookies` was called outside a request scope.");
    return Promise.resolve({ get: (name: string) => (name === NAME && cookie ? { value: cookie } : undefined) });
  },
}));

const { cookieSessionId } = await import("@/lib/auth/auth");
const token = (payload: Record<string, unknown>, secret = SECRET, maxAge = 3600) => encode({ token: payload, secret, salt: NAME, maxAge });

describe("cookieSessionId", () => {
  beforeEach(() => {
    cookie = undefined;
    outsideRequest = false;
  });

  it("is null outside a request (a route handler called directly), rather than failing the request", async () => {
    outsideRequest = true;
    expect(await cookieSessionId()).toBeNull();
  });

  it("names the session of a token Auth.js issued, and again from the cache", async () => {
    cookie = await token({ sid: "s-1" });
    expect(await cookieSessionId()).toBe("s-1");
    expect(await cookieSessionId()).toBe("s-1");
  });

  it("is null without a cookie, for a tampered token, another secret's token or one without a session id", async () => {
    expect(await cookieSessionId()).toBeNull();
    const good = await token({ sid: "s-2" });
    cookie = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await cookieSessionId()).toBeNull();
    cookie = await token({ sid: "s-3" }, "another-secret-of-enough-length-0123456789");
    expect(await cookieSessionId()).toBeNull();
    cookie = await token({ uid: "u-1" });
    expect(await cookieSessionId()).toBeNull();
  });

  it("is null once the token has expired, also when it was cached", async () => {
    cookie = await token({ sid: "s-4" }, SECRET, 60);
    expect(await cookieSessionId()).toBe("s-4");
    expect(await cookieSessionId(Date.now() + 61_000)).toBeNull();
  });
});
