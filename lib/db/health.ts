import "server-only";
import { db } from "./index";

/** Names recorded by the migration runner (lib/db/migrate.ts); throws when the database does not answer. */
export async function appliedMigrationNames(): Promise<string[]> {
  const rows = await (await db()).$queryRaw<{ name: string }[]>`SELECT name FROM "_migrations"`;
  return rows.map((r) => r.name);
}
