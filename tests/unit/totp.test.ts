import { describe, expect, it } from "vitest";
import { newRecoveryCodes, recoveryCodeHash } from "@/lib/security/recovery-codes";
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri, stepAt, totpCode } from "@/lib/security/totp";

// RFC 6238 appendix B, SHA-1: the secret is ASCII "12345678901234567890"; the RFC lists
// 8-digit codes, whose last six digits are the 6-digit codes.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("at %i s gives the RFC's code", (seconds, eight) => {
    expect(totpCode(RFC_SECRET, stepAt(seconds * 1000))).toBe(eight.slice(-6));
  });

  it("round-trips base32 and makes 160-bit secrets", () => {
    expect(base32Decode(base32Encode(Buffer.from("hello world"))).toString()).toBe("hello world");
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
    expect(() => base32Decode("not base32!")).toThrow();
  });

  it("accepts the current code and one step of drift either way, once", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 30, 12, 0, 10);
    const step = stepAt(now);
    expect(matchTotp(secret, totpCode(secret, step), now, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step - 2), now, null)).toBeUndefined();
    // Used once: the same code, or an older one, no longer works.
    expect(matchTotp(secret, totpCode(secret, step), now, step)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, step - 1), now, step)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, step + 1), now, step)).toBe(step + 1);
  });

  it("refuses anything that is not six digits", () => {
    const secret = newTotpSecret();
    for (const code of ["", "12345", "1234567", "abcdef", "12 34 5x"]) expect(matchTotp(secret, code, Date.now(), null)).toBeUndefined();
  });

  it("builds the otpauth URI apps scan", () => {
    const uri = otpauthUri("JBSWY3DPEHPK3PXP", "ada@platform.example", "Pleo Partner Portal");
    expect(uri).toBe(
      "otpauth://totp/Pleo%20Partner%20Portal%3Aada%40platform.example?secret=JBSWY3DPEHPK3PXP&issuer=Pleo+Partner+Portal&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes, compared without case, spaces or dashes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}$/);
    expect(recoveryCodeHash(codes[0]!.toLowerCase().replace(/-/g, " "))).toBe(recoveryCodeHash(codes[0]!));
  });
});
