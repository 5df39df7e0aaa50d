import "server-only";
import { env } from "@/lib/env";
import { openDatabase, type Database, type PortalPrisma } from "./connect";

// Next.js evaluates server modules more than once per process (one copy per bundle), and
// PGlite must be opened exactly once, so the connection lives on globalThis and is opened
// on first use rather than at import time (next build imports modules too).
const g = globalThis as unknown as { __portalDb?: Promise<Database> };

export function database(): Promise<Database> {
  return (g.__portalDb ??= openDatabase(env()));
}

export async function db(): Promise<PortalPrisma> {
  return (await database()).prisma;
}

/** Tests point the data layer at their own database. */
export function setDatabaseForTests(database: Database | undefined) {
  g.__portalDb = database ? Promise.resolve(database) : undefined;
}
