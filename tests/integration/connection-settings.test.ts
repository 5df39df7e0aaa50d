import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testDatabaseKind, withTestDatabase } from "../support/db";

// Settings the portal gives its database connections (lib/db/connect.ts): every pooled
// PostgreSQL connection before use, and the embedded database when it starts.

withTestDatabase();

describe.runIf(testDatabaseKind === "postgresql")("pooled connections", () => {
  it("never JIT-compile a plan, on every connection of the pool", async () => {
    const client = await db();
    // Several at once, so the pool opens more than one connection.
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.$queryRaw<{ jit: string }[]>`SHOW jit`));
    expect(answers.map(([row]) => row?.jit)).toEqual(Array(6).fill("off"));
  });
});

describe.runIf(testDatabaseKind === "embedded")("embedded database", () => {
  it("starts with 32 MB of shared buffers, not PostgreSQL's 128 MB default (its memory never shrinks)", async () => {
    const [row] = await (await db()).$queryRaw<{ shared_buffers: string }[]>`SHOW shared_buffers`;
    expect(row?.shared_buffers).toBe("32MB");
  });
});
