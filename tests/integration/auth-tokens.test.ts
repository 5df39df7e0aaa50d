import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TOKEN_LIFETIME_MS, checkAuthToken, consumeAuthToken, issueAuthToken, lastIssuedAt } from "@/lib/db/auth-tokens";
import { createPartnerAccount } from "../support/accounts";
import { hashToken } from "@/lib/security/tokens";
import { withTestDatabase } from "../support/db";

withTestDatabase();

let counter = 0;
async function newUser() {
  const { id } = await createPartnerAccount({
    email: `token-${++counter}@example.com`,
    name: "Pat",
    passwordHash: "scrypt$hash",
    organizationName: "Example Client Ltd",
  });
  return id;
}

describe("auth tokens", () => {
  it("are valid until consumed once, then used", async () => {
    const userId = await newUser();
    const token = await issueAuthToken(userId, "RESET_PASSWORD");
    expect(await checkAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "valid", userId });
    expect(await checkAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "valid", userId }); // checking does not use it
    expect(await consumeAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "valid", userId });
    expect(await consumeAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "used" });
    expect(await checkAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "used" });
  });

  it("store only the hash, with the lifetime of their type", async () => {
    const userId = await newUser();
    const before = Date.now();
    const token = await issueAuthToken(userId, "RESET_PASSWORD");
    const rows = await (await db()).authToken.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const lifetime = rows[0]!.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(TOKEN_LIFETIME_MS.RESET_PASSWORD - 5000);
    expect(lifetime).toBeLessThanOrEqual(TOKEN_LIFETIME_MS.RESET_PASSWORD + 5000);
    expect(TOKEN_LIFETIME_MS).toEqual({ RESET_PASSWORD: 3_600_000 });
    expect((await lastIssuedAt(userId, "RESET_PASSWORD"))?.getTime()).toBe(rows[0]!.createdAt.getTime());
  });

  it("expire", async () => {
    const userId = await newUser();
    const token = await issueAuthToken(userId, "RESET_PASSWORD");
    await (
      await db()
    ).authToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await checkAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "expired" });
    expect(await consumeAuthToken(token, "RESET_PASSWORD")).toEqual({ status: "expired" });
  });

  it("are invalid when unknown", async () => {
    expect(await consumeAuthToken("no-such-token", "RESET_PASSWORD")).toEqual({ status: "invalid" });
    expect(await checkAuthToken("", "RESET_PASSWORD")).toEqual({ status: "invalid" });
  });

  it("stop working when a newer one of the same type is issued", async () => {
    const userId = await newUser();
    const first = await issueAuthToken(userId, "RESET_PASSWORD");
    const second = await issueAuthToken(userId, "RESET_PASSWORD");
    expect(second).not.toBe(first);
    expect((await consumeAuthToken(first, "RESET_PASSWORD")).status).not.toBe("valid");
    expect(await consumeAuthToken(second, "RESET_PASSWORD")).toEqual({ status: "valid", userId });
  });

  it("do not affect another user's tokens", async () => {
    const a = await newUser();
    const b = await newUser();
    const tokenA = await issueAuthToken(a, "RESET_PASSWORD");
    await issueAuthToken(b, "RESET_PASSWORD");
    expect(await consumeAuthToken(tokenA, "RESET_PASSWORD")).toEqual({ status: "valid", userId: a });
  });

  it("can be consumed by exactly one of several concurrent requests", async () => {
    const userId = await newUser();
    const token = await issueAuthToken(userId, "RESET_PASSWORD");
    const results = await Promise.all(Array.from({ length: 5 }, () => consumeAuthToken(token, "RESET_PASSWORD")));
    expect(results.filter((r) => r.status === "valid")).toEqual([{ status: "valid", userId }]);
    expect(results.filter((r) => r.status === "used")).toHaveLength(4);
  });
});
