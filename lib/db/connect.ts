// Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise
// the embedded PGlite (PostgreSQL compiled to WASM) in DATA_DIR. One SQL dialect everywhere,
// so migrations, queries and indexes behave the same in both.
//
// PGlite takes no lock: exactly one process may open its directory. The server opens it
// through lib/db/index.ts (cached on globalThis, because Next.js loads server modules more
// than once per process); scripts open it only before the server starts.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type SqlRunner = {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Database = {
  kind: "postgresql" | "embedded";
  prisma: PortalPrisma;
  sql: SqlRunner;
  close(): Promise<void>;
};

function createPrisma(adapter: NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>) {
  // Secret columns never leave the data layer unless a query asks for them by name.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}
export type PortalPrisma = ReturnType<typeof createPrisma>;

export async function openDatabase(options: { databaseUrl?: string; dataDir: string; inMemory?: boolean }): Promise<Database> {
  if (options.databaseUrl) {
    const [{ PrismaPg }, pg] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    const pool = new pg.default.Pool({ connectionString: options.databaseUrl, max: 10 });
    // The server may drop idle connections (a restart, a forced disconnect). The pool discards
    // them and opens new ones on demand; unhandled, the 'error' event would end the process.
    pool.on("error", () => undefined);
    const prisma = createPrisma(new PrismaPg(pool));
    // Raw SQL (migrations) runs on one dedicated session so that session-level
    // advisory locks are taken and released on the same connection.
    let session: import("pg").Client | undefined;
    const raw = async () => {
      if (!session) {
        session = new pg.default.Client({ connectionString: options.databaseUrl });
        await session.connect();
      }
      return session;
    };
    return {
      kind: "postgresql",
      prisma,
      sql: {
        async exec(sql) {
          await (await raw()).query(sql);
        },
        async query(sql, params) {
          return (await (await raw()).query(sql, params as unknown[])).rows;
        },
      },
      async close() {
        await prisma.$disconnect();
        await session?.end();
        await pool.end();
      },
    };
  }
  const [{ PGlite }, { PrismaPGlite }, { pg_trgm }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
  ]);
  let dir: string | undefined;
  if (!options.inMemory) {
    dir = path.resolve(options.dataDir, "pglite");
    mkdirSync(dir, { recursive: true }); // PGlite does not create missing parents
  }
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
  const prisma = createPrisma(new PrismaPGlite(pglite));
  return {
    kind: "embedded",
    prisma,
    sql: {
      async exec(sql) {
        await pglite.exec(sql);
      },
      async query(sql, params) {
        return (await pglite.query(sql, params as unknown[])).rows as never[];
      },
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
