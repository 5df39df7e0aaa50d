import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CODE_VERIFIER_FORMAT, createNonce, createPkcePair, createState, isValidCodeVerifier } from "@/lib/test-connection/pkce";

describe("PKCE pairs (RFC 7636)", () => {
  it("verifiers are 43-128 characters of [A-Za-z0-9-._~], and the challenge is their S256", async () => {
    const pairs = await Promise.all(Array.from({ length: 50 }, () => createPkcePair()));
    for (const { verifier, challenge, method } of pairs) {
      expect(verifier.length).toBeGreaterThanOrEqual(43);
      expect(verifier.length).toBeLessThanOrEqual(128);
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
      expect(isValidCodeVerifier(verifier)).toBe(true);
      expect(method).toBe("S256");
      expect(challenge).toBe(createHash("sha256").update(verifier).digest("base64url"));
      expect(challenge).not.toBe(verifier);
    }
    expect(new Set(pairs.map((p) => p.verifier)).size).toBe(pairs.length);
  });

  it("the RFC 7636 appendix B example checks out", () => {
    const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    expect(isValidCodeVerifier(verifier)).toBe(true);
  });

  it.each(["short", "a".repeat(42), "a".repeat(129), `${"a".repeat(43)} `, `${"a".repeat(42)}+`, `${"a".repeat(42)}/`])("rejects %j", (v) => {
    expect(CODE_VERIFIER_FORMAT.test(v)).toBe(false);
  });
});

describe("state and nonce", () => {
  it("are random, URL-safe and long enough to guess never", () => {
    const states = Array.from({ length: 100 }, createState);
    const nonces = Array.from({ length: 100 }, createNonce);
    for (const v of [...states, ...nonces]) {
      expect(v).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    }
    expect(new Set(states).size).toBe(100);
    expect(new Set(nonces).size).toBe(100);
  });
});
