// A fresh, migrated database for one test file, wired into the data layer.
//   TEST_DATABASE=embedded (default): in-memory PGlite
//   TEST_DATABASE=postgresql: a new database on the server in TEST_POSTGRES_URL
//     (scripts/test.mjs starts a throwaway cluster and sets it)
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Database } from "@/lib/db/connect";
import { migrate } from "@/lib/db/migrate";
import { setDatabaseForTests } from "@/lib/db/index";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
export const testDatabaseKind = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "embedded";

export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  if (testDatabaseKind === "embedded") {
    const database = await openDatabase({ dataDir: "", inMemory: true });
    return { ...database, drop: () => database.close() };
  }
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL (npm test sets it).");
  const name = `portal_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  return {
    ...database,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Call at the top of a test file: every data-layer call in it uses a fresh migrated database. */
export function withTestDatabase(): { current: Database } {
  const holder = {} as { current: Database };
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrate(database.sql, MIGRATIONS_DIR);
    holder.current = database;
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await database?.drop();
  });
  return holder;
}
