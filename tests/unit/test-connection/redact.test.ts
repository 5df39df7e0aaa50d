import { describe, expect, it } from "vitest";
import { mask, readableBody, REDACTED, Redactor, redactHeaders, redactJson, redactParams, redactUrl } from "@/lib/test-connection/redact";

const SECRET = "0123456789abcdef0123456789abcd";
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const ACCESS = "at-Zx81kLm02nQpR7sT9uVwXyZ";
const REFRESH = "rt-Qa1Ws2Ed3Rf4Tg5Yh6Uj7Ik8";
const CODE = "code-Ol9Ik8Uj7Yh6Tg5Rf4Ed3";

describe("mask", () => {
  it("keeps the first 4 characters of long values and nothing of short ones", () => {
    expect(mask(ACCESS)).toBe("at-Z…[redacted]");
    expect(mask("short")).toBe(REDACTED);
  });
});

describe("by name", () => {
  it("hides Basic credentials entirely and keeps 4 characters of a bearer token", () => {
    const basic = Buffer.from(`client:${SECRET}`).toString("base64");
    const out = redactHeaders({ Authorization: `Basic ${basic}`, Accept: "application/json" });
    expect(out).toEqual({ authorization: "Basic [redacted]", accept: "application/json" });
    expect(redactHeaders(new Headers({ authorization: `Bearer ${ACCESS}`, cookie: "a=b" }))).toEqual({
      authorization: "Bearer at-Z…[redacted]",
      cookie: REDACTED,
    });
  });

  it("masks secret parameters of a form body", () => {
    const out = redactParams(
      new URLSearchParams({
        grant_type: "authorization_code",
        code: CODE,
        code_verifier: VERIFIER,
        client_secret: SECRET,
        redirect_uri: "https://a.example/cb",
      }),
    );
    expect(out).toEqual({
      grant_type: "authorization_code",
      code: "code…[redacted]",
      code_verifier: "dBjf…[redacted]",
      client_secret: REDACTED,
      redirect_uri: "https://a.example/cb",
    });
  });

  it("masks tokens anywhere in a JSON body", () => {
    const out = JSON.stringify(
      redactJson({
        access_token: ACCESS,
        nested: { refresh_token: REFRESH, list: [{ id_token: "eyJhbGciOi.x.y" }] },
        registration_access_token: "regtoken123456",
        expires_in: 3600,
      }),
    );
    for (const v of [ACCESS, REFRESH, "eyJhbGciOi.x.y", "regtoken123456"]) expect(out).not.toContain(v);
    expect(out).toContain('"expires_in":3600');
  });

  it("masks code and state in URLs, keeps the rest readable, drops user info", () => {
    const out = redactUrl(`https://user:pw@a.example/cb?code=${CODE}&state=${VERIFIER}&iss=https%3A%2F%2Fauth.example`);
    expect(out).toBe("https://a.example/cb?code=code…[redacted]&state=dBjf…[redacted]&iss=https%3A%2F%2Fauth.example");
  });

  it("parses bodies for display", () => {
    expect(readableBody(`{"access_token":"${ACCESS}","token_type":"Bearer"}`, "application/json")).toEqual({
      access_token: "at-Z…[redacted]",
      token_type: "Bearer",
    });
    expect(readableBody(`code=${CODE}&a=b`, "application/x-www-form-urlencoded")).toEqual({ code: "code…[redacted]", a: "b" });
    expect(readableBody("", "text/plain")).toBeNull();
    expect(String(readableBody("x".repeat(10_000), "text/html")).length).toBeLessThan(4100);
  });
});

describe("Redactor (by value)", () => {
  it("removes every registered secret wherever it appears, also URL-encoded", () => {
    const redactor = new Redactor().add(SECRET, true).add(VERIFIER).add(ACCESS).add(`${ACCESS}+/=`);
    const steps = [
      { summary: `error: secret ${SECRET} rejected`, http: { request: { url: `https://x.example/?v=${encodeURIComponent(`${ACCESS}+/=`)}` } } },
      { notes: [`verifier was ${VERIFIER}`], nested: { deep: [[ACCESS]] } },
    ];
    const out = JSON.stringify(redactor.scrub(steps));
    for (const v of [SECRET, VERIFIER, ACCESS, encodeURIComponent(`${ACCESS}+/=`)]) expect(out).not.toContain(v);
    expect(out).toContain("error: secret [redacted] rejected");
    expect(out).toContain("dBjf…[redacted]");
  });

  it("ignores short values that would match ordinary text", () => {
    const redactor = new Redactor().add("abc").add(undefined).add(null);
    expect(redactor.scrub({ text: "abc abc" })).toEqual({ text: "abc abc" });
  });

  it("leaves dates, numbers and booleans alone", () => {
    const redactor = new Redactor().add(SECRET);
    expect(redactor.scrub({ n: 1, b: true, nil: null })).toEqual({ n: 1, b: true, nil: null });
  });
});
