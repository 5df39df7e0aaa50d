import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/security/password";

const PASSWORD = "correct horse battery";

describe("hashPassword", () => {
  it("stores scrypt$15$8$1$<salt>$<hash> with a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword(PASSWORD);
    const match = /^scrypt\$15\$8\$1\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, "base64url")).toHaveLength(16);
    expect(Buffer.from(match![2]!, "base64url")).toHaveLength(32);
    expect(stored).not.toContain(PASSWORD);
  });

  it("uses a different salt (and so a different hash) every time", async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses others", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("correct horse battery ", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("returns false when there is no stored hash (null or undefined)", async () => {
    expect(await verifyPassword("not-a-real-password", null)).toBe(false);
    expect(await verifyPassword(PASSWORD, undefined)).toBe(false);
  });

  it("returns false for malformed hashes instead of throwing", async () => {
    const stored = await hashPassword(PASSWORD);
    const [, , , , salt, key] = stored.split("$");
    const malformed = [
      "",
      "not-a-hash",
      `bcrypt$15$8$1$${salt}$${key}`,
      `scrypt$15$8$1$${salt}`,
      `scrypt$15$8$1$${salt}$${key}$extra`,
      `scrypt$x$8$1$${salt}$${key}`,
      `scrypt$15.5$8$1$${salt}$${key}`,
      `scrypt$15$8$1$${salt}$`,
      `scrypt$15$8$1$${salt}$${key!.slice(0, 20)}`,
    ];
    for (const value of malformed) expect(await verifyPassword(PASSWORD, value), value).toBe(false);
  });

  it("returns false for absurd or out-of-range cost parameters", async () => {
    const stored = await hashPassword(PASSWORD);
    const [, , , , salt, key] = stored.split("$");
    const absurd = [
      [64, 8, 1],
      [31, 8, 1],
      [21, 8, 1],
      [9, 8, 1],
      [-15, 8, 1],
      [15, 0, 1],
      [15, 1000, 1],
      [15, 8, 0],
      [15, 8, 1_000_000],
      [1e21, 8, 1],
    ];
    for (const [logN, r, p] of absurd) {
      const value = `scrypt$${logN}$${r}$${p}$${salt}$${key}`;
      expect(await verifyPassword(PASSWORD, value), value).toBe(false);
    }
  });

  it("still verifies a hash made with other (sane) cost parameters", async () => {
    // The format carries its parameters so that the cost can be raised later.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 12, r: 8, p: 2 });
    const stored = `scrypt$12$8$2$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("wrong password", stored)).toBe(false);
  });

  it("normalises with NFKC: full-width and composed forms match their ASCII / decomposed twins", async () => {
    const fullWidth = "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13"; // ｐａｓｓｗｏｒｄ１２３
    const stored = await hashPassword(fullWidth);
    expect(await verifyPassword("password123", stored)).toBe(true);

    const composed = "caf\u00e9-latte-2026";
    const decomposed = "cafe\u0301-latte-2026";
    expect(composed).not.toBe(decomposed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
    expect(await verifyPassword("cafe-latte-2026", await hashPassword(composed))).toBe(false);
  });
});
