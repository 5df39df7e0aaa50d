import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testDatabaseKind, withTestDatabase } from "../support/db";

// Settings every pooled PostgreSQL connection gets before the portal uses it (lib/db/connect.ts).
// PostgreSQL only: the embedded database is one connection with no pool and no JIT compiler.

withTestDatabase();

describe.runIf(testDatabaseKind === "postgresql")("pooled connections", () => {
  it("never JIT-compile a plan, on every connection of the pool", async () => {
    const client = await db();
    // Several at once, so the pool opens more than one connection.
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.$queryRaw<{ jit: string }[]>`SHOW jit`));
    expect(answers.map(([row]) => row?.jit)).toEqual(Array(6).fill("off"));
  });
});
