import "server-only";
import { createHash } from "node:crypto";
import { db } from "./index";
import type { Tx } from "./actors";

// When each client secret last authenticated at the embedded server's token endpoint
// (ClientSecretUse), by the secret's SHA-256: the identity previous_secrets already keeps.
//
// A busy client authenticates many times a second, so writes are throttled to one a minute per
// secret and kind of use: first in this process (most uses never reach the database), then in
// the database's own condition (another instance may have written moments ago). Each write is a
// statement of its own on this table only, never inside the rotation's transaction and never on
// the rows it locks, so token requests and rotations never wait for each other.

export const WRITE_INTERVAL_MS = 60_000;

export type SecretUse = { clientId: string; secretSha256: string; test: boolean };
export type SecretUsage = { lastUsedAt: Date | null; lastTestedAt: Date | null };

export const sha256Hex = (secret: string) => createHash("sha256").update(secret).digest("hex");

const g = globalThis as unknown as { __secretUseWrites?: Map<string, number>; __secretUseClock?: () => number };
const lastWrites = (g.__secretUseWrites ??= new Map());
const now = () => (g.__secretUseClock ?? Date.now)();

/** The throttle's seam: tests move time forward instead of waiting a minute. */
export function setSecretUseClockForTests(clock: (() => number) | undefined) {
  g.__secretUseClock = clock;
  lastWrites.clear();
}

/** Records a use unless this secret's same kind of use was written within the last minute; true if written. */
export async function recordSecretUse(use: SecretUse): Promise<boolean> {
  const at = now();
  const key = `${use.test ? "test" : "use"} ${use.clientId} ${use.secretSha256}`;
  const last = lastWrites.get(key);
  if (last !== undefined && at - last < WRITE_INTERVAL_MS) return false;
  lastWrites.set(key, at);
  if (lastWrites.size > 10_000) {
    for (const [k, t] of lastWrites) if (at - t >= WRITE_INTERVAL_MS) lastWrites.delete(k);
  }
  const when = new Date(at);
  const stale = new Date(at - WRITE_INTERVAL_MS);
  const column = use.test ? "lastTestedAt" : "lastUsedAt";
  const id = { clientId: use.clientId, secretSha256: use.secretSha256 };
  const client = await db();
  const { count } = await client.clientSecretUse.updateMany({
    where: { ...id, OR: [{ [column]: null }, { [column]: { lte: stale } }] },
    data: { [column]: when },
  });
  if (count > 0) return true;
  // No row yet, or one written within the minute (by another instance): create only the former.
  const created = await client.clientSecretUse.createMany({ data: [{ ...id, [column]: when }], skipDuplicates: true });
  return created.count > 0;
}

/** The recorded uses of these secrets of a client, by SHA-256. */
export async function secretUsage(clientId: string, hashes: string[]): Promise<Map<string, SecretUsage>> {
  if (hashes.length === 0) return new Map();
  const rows = await (
    await db()
  ).clientSecretUse.findMany({
    where: { clientId, secretSha256: { in: hashes } },
    select: { secretSha256: true, lastUsedAt: true, lastTestedAt: true },
  });
  return new Map(rows.map((r) => [r.secretSha256, { lastUsedAt: r.lastUsedAt, lastTestedAt: r.lastTestedAt }]));
}

/** Forgets a client's uses (its client was deleted at the server: the secrets are gone). */
export async function forgetSecretUsage(tx: Tx, clientId: string) {
  await tx.clientSecretUse.deleteMany({ where: { clientId } });
}
