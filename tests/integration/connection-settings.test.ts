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

  it("hands the event loop back between statements, so a busy server still accepts connections (lib/db/taking-turns.ts)", async () => {
    const client = await db();
    let done = 0;
    const statements = Array.from({ length: 50 }, () => client.$queryRaw`SELECT count(*) FROM generate_series(1, 2000)`.then(() => done++));
    await statements[0];
    // Queued behind 49 statements: PGlite alone would run them all before the loop turns again.
    const doneWhenTheLoopTurned = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    await Promise.all(statements);
    expect(done).toBe(50);
    expect(doneWhenTheLoopTurned).toBeLessThan(10);
  });
});
