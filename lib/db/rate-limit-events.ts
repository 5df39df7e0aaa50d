import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./index";

// Events counted by the sliding-window limits (lib/security/rate-limit.ts). Checking a limit
// and recording an event must be one step, or concurrent requests all pass the check before
// any of them records: a transaction-scoped advisory lock per key serialises them across
// connections and portal instances. (A single INSERT ... SELECT ... WHERE count < n is not
// enough under READ COMMITTED: concurrent statements do not see each other's rows.)

/** Our namespace in pg_advisory_xact_lock(int, int), apart from the migration runner's lock. */
const LOCK_NAMESPACE = 7_141;

type Client = Pick<Prisma.TransactionClient, "rateLimitEvent">;

export type WindowCounter = {
  /** Times of the key's events after `since`, oldest first. */
  eventsSince(key: string, since: Date): Promise<Date[]>;
  /** Records one event for each key and returns their ids. */
  record(keys: string[]): Promise<string[]>;
};

function counterOn(client: Client): WindowCounter {
  return {
    async eventsSince(key, since) {
      const rows = await client.rateLimitEvent.findMany({
        where: { key, createdAt: { gt: since } },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      return rows.map((r) => r.createdAt);
    },
    async record(keys) {
      const rows = await client.rateLimitEvent.createManyAndReturn({ data: keys.map((key) => ({ key })), select: { id: true } });
      return rows.map((r) => r.id);
    },
  };
}

/**
 * Runs `fn` holding a lock on each key until its transaction ends, so that whatever `fn`
 * reads and records for those keys is not interleaved with another caller's. Keys are
 * locked in sorted order, so two callers with overlapping keys cannot deadlock.
 */
export async function withKeysLocked<T>(keys: string[], fn: (counter: WindowCounter) => Promise<T>): Promise<T> {
  return (await db()).$transaction(
    async (tx) => {
      for (const key of [...new Set(keys)].sort()) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${key}))`;
      }
      return fn(counterOn(tx));
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** Read-only: for messages and pages, never for deciding whether to allow something. */
export async function eventsSince(key: string, since: Date): Promise<Date[]> {
  return counterOn(await db()).eventsSince(key, since);
}

export async function deleteEvents(ids: string[]) {
  if (ids.length) await (await db()).rateLimitEvent.deleteMany({ where: { id: { in: ids } } });
}

export async function clearEvents(key: string) {
  await (await db()).rateLimitEvent.deleteMany({ where: { key } });
}

/** Housekeeping: events older than every window no longer count. */
export async function pruneEvents(before: Date, client: Client): Promise<number> {
  return (await client.rateLimitEvent.deleteMany({ where: { createdAt: { lt: before } } })).count;
}
