import "server-only";
import { db } from "./index";

/** Times of the key's events after `since`, oldest first. */
export async function eventsSince(key: string, since: Date): Promise<Date[]> {
  const rows = await (await db()).rateLimitEvent.findMany({
    where: { key, createdAt: { gt: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

export async function recordEvents(keys: string[]) {
  await (await db()).rateLimitEvent.createMany({ data: keys.map((key) => ({ key })) });
}

export async function clearEvents(key: string) {
  await (await db()).rateLimitEvent.deleteMany({ where: { key } });
}

/** Housekeeping: events older than every window no longer count. */
export async function pruneEvents(before: Date) {
  await (await db()).rateLimitEvent.deleteMany({ where: { createdAt: { lt: before } } });
}
