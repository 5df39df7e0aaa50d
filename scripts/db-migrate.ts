// npm run db:migrate — creates the database if needed, applies pending migrations and, for the
// embedded default, seeds the demo data. `npm start` runs it before the server starts (PGlite
// allows one process at a time, so never run it while the server is up on the embedded database).
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { EnvError, env } from "../lib/env";
import { openDatabase } from "../lib/db/connect";
import { migrate, withMigrationLock } from "../lib/db/migrate";
import { seedDemoData } from "../lib/db/seed";

async function main() {
  loadEnvConfig(process.cwd());
  const config = env();
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database.sql, path.join(process.cwd(), "prisma/migrations"));
    const where = database.kind === "embedded" ? `embedded database in ${path.join(config.dataDir, "pglite")}` : "PostgreSQL";
    console.log(applied.length ? `Applied ${applied.length} migration(s) to the ${where}: ${applied.join(", ")}` : `The ${where} is up to date.`);
    if (!config.isProduction && process.env.SEED_DEMO_DATA !== "false") {
      const seeded = await withMigrationLock(database.sql, () => seedDemoData(database.prisma));
      if (seeded.length) console.log(`Seeded demo accounts: ${seeded.join(", ")} (passwords in README.md)`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `Database setup failed: ${(error as Error).message}`);
  process.exit(1);
});
