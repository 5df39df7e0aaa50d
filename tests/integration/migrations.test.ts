import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { MIGRATIONS_DIR, createTestDatabase, withTestDatabase } from "../support/db";

const database = withTestDatabase();
const folders = readdirSync(MIGRATIONS_DIR)
  .filter((name) => statSync(path.join(MIGRATIONS_DIR, name)).isDirectory())
  .sort();

describe("migrate", () => {
  it("finds at least one migration folder, each with a migration.sql", () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(listMigrations(MIGRATIONS_DIR).map((m) => m.name)).toEqual(folders);
    for (const m of listMigrations(MIGRATIONS_DIR)) expect(m.sql.trim()).not.toBe("");
  });

  it("records every folder in _migrations", async () => {
    const rows = await database.current.sql.query<{ name: string }>(`SELECT name FROM "_migrations" ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(folders);
  });

  it("applies nothing on a second run", async () => {
    expect(await migrate(database.current.sql, MIGRATIONS_DIR)).toEqual([]);
    const rows = await database.current.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_migrations"`);
    expect(rows[0]!.n).toBe(folders.length);
  });

  it("on an empty database applies every migration once, then nothing", async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await migrate(fresh.sql, MIGRATIONS_DIR)).toEqual(folders);
      expect(await migrate(fresh.sql, MIGRATIONS_DIR)).toEqual([]);
      // The schema is usable through Prisma.
      expect(await fresh.prisma.user.count()).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it("created the tables of the Prisma schema", async () => {
    const rows = await database.current.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const tables = rows.map((r) => r.table_name);
    const schema = readFileSync(path.resolve(MIGRATIONS_DIR, "../schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(tables, model).toContain(model);
  });
});

describe("migration snapshot", () => {
  it("equals prisma/schema.prisma byte for byte (the latest migration was generated from the current schema)", () => {
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, "schema.snapshot.prisma"));
    const schema = readFileSync(path.resolve(MIGRATIONS_DIR, "../schema.prisma"));
    expect(snapshot.equals(schema)).toBe(true);
  });
});
