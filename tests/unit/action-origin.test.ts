import { describe, expect, it } from "vitest";
import { serverActionRefusal } from "@/lib/http/action-origin";

// The rule proxy.ts applies before Next.js: which server-action requests are refused, and
// that the portal's own (same-origin) requests never are. Status codes are covered end to end
// in e2e/bad-input.spec.ts.

const ACTION = "7f29edc6d6055e37246e4451f0b1d47b600df51ca0";
const refusal = (headers: Record<string, string>, method = "POST", path = "/sign-in") => serverActionRefusal(method, path, new Headers(headers));
const action = (extra: Record<string, string>) => ({ "next-action": ACTION, host: "localhost:3000", ...extra });

describe("serverActionRefusal", () => {
  it("lets the portal's own actions through: Origin host equal to Host", () => {
    expect(refusal(action({ origin: "http://localhost:3000" }))).toBeUndefined();
    expect(refusal(action({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBeUndefined();
    // Only the host is compared, as Next.js does: TLS may end at a proxy.
    expect(refusal(action({ origin: "https://localhost:3000" }))).toBeUndefined();
  });

  it("refuses another site, another port, and localhost for 127.0.0.1", () => {
    expect(refusal(action({ origin: "https://evil.example" }))).toBe("its Origin is another site");
    expect(refusal(action({ origin: "http://localhost:3001" }))).toBe("its Origin is another site");
    expect(refusal(action({ origin: "http://127.0.0.1:3000" }))).toBe("its Origin is another site");
    expect(refusal(action({ origin: "http://sub.localhost:3000" }))).toBe("its Origin is another site");
  });

  it("refuses a POST without Origin, an opaque origin and a malformed one", () => {
    expect(refusal(action({}))).toBe("it has no Origin header");
    expect(refusal(action({ origin: "null" }))).toBe("its Origin header is not a web origin");
    expect(refusal(action({ origin: "garbage" }))).toBe("its Origin header is not a web origin");
    expect(refusal(action({ origin: "file:///tmp/x.html" }))).toBe("its Origin header is not a web origin");
  });

  it("compares with the first X-Forwarded-Host when there is one (kept by server.mjs only behind TRUST_PROXY)", () => {
    expect(refusal(action({ origin: "https://portal.example", "x-forwarded-host": "portal.example, internal:3000", host: "internal:3000" }))).toBeUndefined();
    expect(refusal(action({ origin: "http://internal:3000", "x-forwarded-host": "portal.example", host: "internal:3000" }))).toBe("its Origin is another site");
  });

  it("refuses when there is no host to compare with", () => {
    expect(refusal({ "next-action": ACTION, origin: "http://localhost:3000" })).toBe("its Origin is another site");
  });

  it("treats a multipart POST to a page as an action (forms work before JavaScript loads)", () => {
    const form = { "content-type": "multipart/form-data; boundary=x", host: "localhost:3000" };
    expect(refusal({ ...form, origin: "https://evil.example" })).toBe("its Origin is another site");
    expect(refusal(form)).toBe("it has no Origin header");
    expect(refusal({ ...form, origin: "http://localhost:3000" })).toBeUndefined();
  });

  it("leaves other requests alone: route handlers, the authorization server, plain posts and page loads", () => {
    const foreign = { origin: "https://spa.example", host: "localhost:3000" };
    expect(refusal({ ...foreign, "content-type": "multipart/form-data; boundary=x" }, "POST", "/api/registrations/x/logo")).toBeUndefined();
    expect(refusal({ ...foreign, "content-type": "application/x-www-form-urlencoded" }, "POST", "/oidc/oauth/token")).toBeUndefined();
    expect(refusal({ host: "localhost:3000", "content-type": "application/json" }, "POST", "/api/registrations/validate")).toBeUndefined();
    expect(refusal({ host: "localhost:3000" }, "GET", "/registrations")).toBeUndefined();
    // A GET carrying Next-Action is no action; browsers send no Origin on same-origin GETs.
    expect(refusal(action({}), "GET")).toBeUndefined();
    expect(refusal(action({ origin: "https://evil.example" }), "GET")).toBe("its Origin is another site");
  });
});
