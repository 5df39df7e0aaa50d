import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashToken, newToken, sign, verifySignature } from "@/lib/security/tokens";

const SECRET = "s".repeat(40);

describe("newToken / hashToken", () => {
  it("returns a URL-safe 32-byte token and its SHA-256 hex hash", () => {
    const { token, hash } = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hash).toBe(hashToken(token));
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never repeats a token", () => {
    const tokens = new Set(Array.from({ length: 500 }, () => newToken().token));
    expect(tokens.size).toBe(500);
  });

  it("hashes different tokens differently and the same token the same", () => {
    expect(hashToken("a")).toBe(hashToken("a"));
    expect(hashToken("a")).not.toBe(hashToken("b"));
  });
});

describe("sign / verifySignature", () => {
  const payload = JSON.stringify({ uid: "4b1c0c4e-0000-4000-8000-000000000000", sv: 3, exp: 1_900_000_000_000 });

  it("round-trips the payload", () => {
    const signed = sign(payload, SECRET);
    expect(signed).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifySignature(signed, SECRET)).toBe(payload);
    expect(verifySignature(sign("ünïcødé ✓", SECRET), SECRET)).toBe("ünïcødé ✓");
  });

  it("rejects a tampered payload", () => {
    const signed = sign(payload, SECRET);
    const mac = signed.split(".")[1];
    const forged = Buffer.from(payload.replace('"sv":3', '"sv":4')).toString("base64url");
    expect(verifySignature(`${forged}.${mac}`, SECRET)).toBeUndefined();
  });

  it("rejects a tampered signature", () => {
    const signed = sign(payload, SECRET);
    const [encoded, mac] = signed.split(".") as [string, string];
    const flipped = (mac[0] === "A" ? "B" : "A") + mac.slice(1);
    expect(verifySignature(`${encoded}.${flipped}`, SECRET)).toBeUndefined();
    expect(verifySignature(`${encoded}.${mac.slice(0, -4)}`, SECRET)).toBeUndefined();
    expect(verifySignature(`${encoded}.`, SECRET)).toBeUndefined();
    expect(verifySignature(encoded, SECRET)).toBeUndefined();
    expect(verifySignature("", SECRET)).toBeUndefined();
  });

  it("rejects a value signed with another secret", () => {
    expect(verifySignature(sign(payload, "t".repeat(40)), SECRET)).toBeUndefined();
  });
});

describe("verifySignature strictness", () => {
  it("refuses extra parts and padding around a valid signed value", async () => {
    const { sign, verifySignature } = await import("@/lib/security/tokens");
    const signed = sign("payload", "s".repeat(32));
    expect(verifySignature(signed, "s".repeat(32))).toBe("payload");
    expect(verifySignature(`${signed}.junk`, "s".repeat(32))).toBeUndefined();
    expect(verifySignature(`${signed}=`, "s".repeat(32))).toBeUndefined();
    expect(verifySignature(`x.${signed}`, "s".repeat(32))).toBeUndefined();
  });
});
