// Whether the database can be reached, as the last queries found it. PostgreSQL can go away
// under a running portal (a restart, a failover): requests then get a clear 503 instead of a
// 500, and the portal recovers by itself when it returns. server.mjs reads the flag (on
// globalThis, shared with Next.js in one process) to answer 503 at once while the database is
// down, letting one request through every few seconds to find out whether it is back.

const g = globalThis as unknown as { __portalDatabaseDownSince?: number };

/** Error codes and kinds that mean "no database", not "this query was wrong". */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "P1001", // can't reach the database server
  "P1002", // the server timed out
  "P1017", // the server closed the connection
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // cannot connect now (starting up, shutting down)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const CONNECTION_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const CONNECTION_MESSAGES = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === "string" && CONNECTION_CODES.has(e.code) && !(e.code === "P2010" && !e.meta)) return true;
  if (typeof e.kind === "string" && CONNECTION_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && CONNECTION_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** Errors the data layer saw and judged "no database" (noteDatabaseError). */
const noted = new WeakSet<object>();

/**
 * Whether the data layer says this error means "no database": one it noted, or one of
 * Prisma's own (they carry clientVersion; a transaction that could not start never passes the
 * query observer). The same codes from anywhere else (a client hanging up mid-body is
 * ECONNRESET, an unreachable mail or authorization server ECONNREFUSED) say nothing about the
 * database, and must not turn the whole portal into 503s.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return fromDataLayer(error) && isDatabaseUnavailable(error);
}

function fromDataLayer(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if (noted.has(error)) return true;
  const e = error as { clientVersion?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.clientVersion === "string" || e.name === "DriverAdapterError") return true;
  return fromDataLayer(e.cause, depth + 1);
}

export function markDatabaseDown() {
  g.__portalDatabaseDownSince ??= Date.now();
}

export function markDatabaseUp() {
  g.__portalDatabaseDownSince = undefined;
}

/** Records what an outcome says about the database; returns the error for rethrowing. */
export function noteDatabaseError(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) {
    markDatabaseDown();
    if (typeof error === "object" && error) noted.add(error);
  }
  return error;
}

export function databaseDownSince(): number | undefined {
  return g.__portalDatabaseDownSince;
}

export const UNAVAILABLE_MESSAGE = "The portal cannot reach its database right now. Nothing was changed; try again in a minute.";
