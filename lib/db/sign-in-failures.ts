import "server-only";
import { db } from "./index";

export async function failuresSince(key: string, since: Date): Promise<Date[]> {
  const rows = await (await db()).signInFailure.findMany({
    where: { key, createdAt: { gt: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

export async function recordFailures(keys: string[]) {
  await (await db()).signInFailure.createMany({ data: keys.map((key) => ({ key })) });
}

export async function clearFailures(key: string) {
  await (await db()).signInFailure.deleteMany({ where: { key } });
}

/** Housekeeping: failures older than the window no longer count. */
export async function pruneFailures(before: Date) {
  await (await db()).signInFailure.deleteMany({ where: { createdAt: { lt: before } } });
}
