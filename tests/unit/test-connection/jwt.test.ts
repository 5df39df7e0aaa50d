import { describe, expect, it } from "vitest";
import { decodeJwt, decodedToken, describeTimeClaims } from "@/lib/test-connection/jwt";

const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const SIGNATURE = "c2lnbmF0dXJlLWJ5dGVzLXRoYXQtbXVzdC1ub3QtYXBwZWFy";
const jwt = `${part({ alg: "RS256", kid: "k1" })}.${part({ sub: "user-1", iat: 1_700_000_000, exp: 1_700_003_600, scope: "users:read" })}.${SIGNATURE}`;

describe("decodeJwt", () => {
  it("returns header and payload of a signed JWT, never the signature", () => {
    const decoded = decodeJwt(jwt);
    expect(decoded).toEqual({ header: { alg: "RS256", kid: "k1" }, payload: { sub: "user-1", iat: 1_700_000_000, exp: 1_700_003_600, scope: "users:read" } });
    expect(JSON.stringify(decoded)).not.toContain(SIGNATURE);
    expect(JSON.stringify(decodedToken("Access token", jwt))).not.toContain(SIGNATURE);
    expect(decodedToken("Access token", jwt)?.label).toBe("Access token");
  });

  it.each([
    ["an opaque token", "at-2kjdhf83kjhsdf"],
    ["a JWE (5 parts)", `${part({ alg: "RSA-OAEP", enc: "A256GCM" })}.a.b.c.d`],
    ["a header without alg", `${part({ typ: "JWT" })}.${part({ sub: "x" })}.sig`],
    ["a payload that is not an object", `${part({ alg: "none" })}.${part([1, 2])}.sig`],
    ["invalid base64url", `${part({ alg: "RS256" })}.@@@.sig`],
    ["not a string", 42],
  ])("returns undefined for %s", (_label, token) => {
    expect(decodeJwt(token)).toBeUndefined();
  });

  it("adds readable times for date claims", () => {
    expect(describeTimeClaims({ iat: 1_700_000_000, exp: "soon", sub: "x" })).toEqual({ iat: "2023-11-14T22:13:20.000Z" });
  });
});
