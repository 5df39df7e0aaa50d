// Generates the next SQL migration from prisma/schema.prisma:
//   npm run db:migration:new -- <name>
// Prisma 7's `migrate dev` needs a schema-engine binary that cannot be downloaded here, so
// this runs Prisma 6's CLI (installed as "prisma-legacy") in its offline "js" engine mode:
// `migrate diff` from the schema as of the last migration (prisma/migrations/schema.snapshot.prisma)
// to the current schema. The SQL is Prisma's; never edit it except to append what Prisma
// cannot express (for example a trigram index), marked with a comment.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const schemaFile = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const snapshotFile = path.join(migrationsDir, "schema.snapshot.prisma");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name in snake_case>");
  process.exit(2);
}

// Prisma 6 requires a url in the datasource and does not need the generator.
function forLegacyCli(source) {
  return source
    .replace(/^generator\s+\w+\s*\{[\s\S]*?^\}/m, "")
    .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*"postgresql")/, '$1\n  url = "postgresql://unused"');
}

const work = path.join(root, "node_modules/.cache/migration-new");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const to = path.join(work, "to.prisma");
writeFileSync(to, forLegacyCli(readFileSync(schemaFile, "utf8")));
const from = existsSync(snapshotFile) ? path.join(work, "from.prisma") : undefined;
if (from) writeFileSync(from, forLegacyCli(readFileSync(snapshotFile, "utf8")));
// The legacy CLI's "js" engine wants a driver adapter even for a file-to-file diff;
// an in-memory PGlite is enough and touches no disk.
writeFileSync(
  path.join(work, "prisma.config.ts"),
  `import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
export default { experimental: { adapter: true }, engine: "js", async adapter() { return new PrismaPGlite(new PGlite()); } };
`,
);

const cli = path.join(root, "node_modules/prisma-legacy/build/index.js");
const args = ["migrate", "diff", "--config", path.join(work, "prisma.config.ts")];
args.push(...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script");
const result = spawnSync(process.execPath, [cli, ...args], {
  cwd: work,
  encoding: "utf8",
  env: {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
if (result.status !== 0) {
  console.error(result.stderr || result.stdout);
  process.exit(1);
}
const sql = result.stdout.trim();
if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
  console.log("The schema has not changed since the last migration; nothing to generate.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
copyFileSync(schemaFile, snapshotFile);
console.log(`Created ${path.relative(root, dir)}/migration.sql`);
