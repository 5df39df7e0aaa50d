// Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise
// the embedded PGlite (PostgreSQL compiled to WASM) in DATA_DIR. One SQL dialect everywhere,
// so migrations, queries and indexes behave the same in both.
//
// PGlite takes no lock: exactly one process may open its directory. The server opens it
// through lib/db/index.ts (cached on globalThis, because Next.js loads server modules more
// than once per process); scripts open it only before the server starts.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isDatabaseUnavailable, markDatabaseUp, noteDatabaseError } from "./availability";
import { takingTurns } from "./taking-turns";

export type SqlRunner = {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Database = {
  kind: "postgresql" | "embedded";
  prisma: PortalPrisma;
  /**
   * One parameterised statement on the same connections as Prisma, without Prisma's client:
   * only for the statements every request or autosave runs (lib/db/sessions.ts findSession,
   * lib/db/registrations.ts saveDraft), where the client cost about a quarter of a save's CPU
   * (BENCHMARKS.md, autosave). Timestamps must be selected as timestamptz (AT TIME ZONE 'UTC').
   * `sql` is a constant text, values go in `params`: on PostgreSQL each text becomes a prepared
   * statement on every connection that runs it (preparedName).
   */
  statement<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** Migrations and scripts: statements on one dedicated session (PostgreSQL) or PGlite itself. */
  sql: SqlRunner;
  close(): Promise<void>;
};

function createPrisma(adapter: NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>) {
  // Secret columns never leave the data layer unless a query asks for them by name.
  const base = new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
  // Every query tells whether the database is there (lib/db/availability.ts). Typed as the
  // base client: the extension only observes queries, so every method keeps its shape, and
  // transaction clients stay Prisma.TransactionClient for the data layer's functions.
  const observed = base.$extends({
    query: {
      $allOperations: ({ args, query }) => observe(() => query(args)),
    },
  });
  return observed as unknown as typeof base;
}
export type PortalPrisma = ReturnType<typeof createPrisma>;

/** Runs a query and tells lib/db/availability.ts whether the database answered. */
async function observe<T>(run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    markDatabaseUp();
    return result;
  } catch (error) {
    throw noteDatabaseError(error);
  }
}

const preparedNames = new Map<string, string>();

/**
 * The prepared statement's name for a statement's text: a hash, so the same in every module copy
 * and process. pg parses a named statement once per connection and then only binds and runs it,
 * so PostgreSQL skips parsing and planning: that was 60% of its CPU per save (BENCHMARKS.md).
 */
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) preparedNames.set(sql, (name = `portal_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`));
  return name;
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string; inMemory?: boolean }): Promise<Database> {
  if (options.databaseUrl) {
    const [{ PrismaPg }, pg] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    // A connection attempt gives up after 5 s, so an unreachable server means a quick 503, not a hang.
    const pool = new pg.default.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
      // No JIT compilation: the portal's statements run in milliseconds, and the planner's cost
      // estimates (generic per-organization row counts) can pass jit_above_cost anyway. The
      // metrics page's latest sign-ups then spent about 20 ms compiling a plan that runs in
      // 0.6 ms (bench/queue.mjs). A SET per new connection, not a startup option, because
      // connection poolers such as PgBouncer refuse unknown startup parameters. onConnect runs it
      // before the pool hands the connection out (a query queued behind it is deprecated in pg).
      // Typed as returning void, but pg-pool awaits a returned promise (and drops the connection if it fails).
      onConnect: (async (client: import("pg").ClientBase) => void (await client.query("SET jit = off"))) as (client: import("pg").ClientBase) => void,
    });
    // The server may drop idle connections (a restart, a forced disconnect). The pool discards
    // them and opens new ones on demand; unhandled, the 'error' event would end the process.
    // A shutdown of the server is also the first sign that it is going away.
    pool.on("error", (error) => void noteDatabaseError(error));
    const prisma = createPrisma(new PrismaPg(pool));
    // Raw SQL (migrations) runs on one dedicated session so that session-level advisory locks
    // are taken and released on the same connection. A session that failed or ended is
    // replaced on next use, so the portal recovers when the server comes back.
    let session: Promise<import("pg").Client> | undefined;
    const raw = () =>
      (session ??= (async () => {
        const client = new pg.default.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5_000 });
        const forget = () => {
          session = undefined;
        };
        client.on("error", (error) => {
          noteDatabaseError(error);
          forget();
        });
        client.on("end", forget);
        await client.connect();
        return client;
      })().catch((error: unknown) => {
        session = undefined;
        throw noteDatabaseError(error);
      }));
    /** Runs on the session; a connection that turns out dead is dropped, so the next call reconnects. */
    const onSession = async <T>(run: (client: import("pg").Client) => Promise<T>): Promise<T> => {
      try {
        const result = await run(await raw());
        markDatabaseUp();
        return result;
      } catch (error) {
        if (isDatabaseUnavailable(error)) session = undefined;
        throw noteDatabaseError(error);
      }
    };
    return {
      kind: "postgresql",
      prisma,
      statement: (sql, params) => observe(async () => (await pool.query({ name: preparedName(sql), text: sql, values: params })).rows),
      sql: {
        async exec(sql) {
          await onSession((client) => client.query(sql));
        },
        async query(sql, params) {
          return (await onSession((client) => client.query(sql, params as unknown[]))).rows;
        },
      },
      async close() {
        await prisma.$disconnect();
        await (await session?.catch(() => undefined))?.end();
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
  // PGlite keeps PostgreSQL's 128 MB of shared buffers inside its WebAssembly memory, which
  // never shrinks: under sustained load they fill and stay resident (about 100 MB of the
  // server's memory). The data files sit in the operating system's page cache anyway, so 32 MB
  // costs no measurable throughput (BENCHMARKS.md, autosave).
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"] });
  const turns = takingTurns(pglite);
  const prisma = createPrisma(new PrismaPGlite(turns));
  return {
    kind: "embedded",
    prisma,
    statement: (sql, params) => observe(async () => (await turns.query(sql, params)).rows as never[]),
    sql: {
      async exec(sql) {
        await turns.exec(sql);
      },
      async query(sql, params) {
        return (await turns.query(sql, params as unknown[])).rows as never[];
      },
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
