import "server-only";
import { cache } from "react";
import { Prisma } from "@/lib/generated/prisma/client";
import { readStoredSteps } from "@/lib/test-connection/stored-steps";
import type { RunStatus, Step } from "@/lib/test-connection/types";
import { storableJson } from "@/lib/text/unicode";
import { db } from "./index";
import { isUuid } from "./ids";

// Test connection runs. A run holds the server-side half of one authorization code + PKCE
// flow: the SHA-256 of its state, the encrypted code_verifier, the nonce, an optional
// one-time client secret, and its time limit. It is bound to the user who started it, used
// at most once (claimed atomically), and its one-time secret is wiped when it ends.

export const RUN_LIFETIME_MS = 10 * 60 * 1000;

export type NewTestRun = {
  registrationId: string;
  userId: string;
  stateHash: string;
  codeVerifierEnc: string;
  nonce: string | null;
  oneTimeSecretEnc: string | null;
  redirectUri: string;
  scope: string;
  steps: Step[];
  createdAt?: Date;
  /** A run that failed before the browser left (e.g. the server was unreachable). */
  failed?: boolean;
};

// Steps quote other systems' answers, which can be neither refused nor asked again: text the
// database cannot hold is stored as U+FFFD rather than losing the whole run.
const asJson = (steps: Step[]) => storableJson(steps) as unknown as Prisma.InputJsonValue;

export async function createTestRun(input: NewTestRun): Promise<{ id: string; expiresAt: Date }> {
  const createdAt = input.createdAt ?? new Date();
  return (await db()).testRun.create({
    data: {
      registrationId: input.registrationId,
      userId: input.userId,
      stateHash: input.stateHash,
      codeVerifierEnc: input.codeVerifierEnc,
      nonce: input.nonce,
      oneTimeSecretEnc: input.failed ? null : input.oneTimeSecretEnc,
      redirectUri: input.redirectUri,
      scope: input.scope,
      steps: asJson(input.steps),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + RUN_LIFETIME_MS),
      ...(input.failed ? { status: "failed", usedAt: createdAt, completedAt: createdAt } : {}),
    },
    select: { id: true, expiresAt: true },
  });
}

/** A run taken by its callback: what it was started with, and whose it is. */
export type ConsumedRun = Omit<NewTestRun, "stateHash" | "createdAt" | "failed"> & { id: string; organizationId: string; createdAt: Date };

export type ConsumeResult =
  | { outcome: "consumed"; run: ConsumedRun }
  | { outcome: "not_found" }
  | { outcome: "other_user" }
  | { outcome: "expired"; runId: string; registrationId: string }
  | { outcome: "replayed"; runId: string; registrationId: string };

/**
 * Claims the run with this state hash for this user, once. Two concurrent callbacks with the
 * same state: exactly one gets "consumed", the other "replayed". Another user's callback
 * changes nothing. An expired run is closed (and its one-time secret wiped).
 */
export async function consumeRunByState(stateHash: string, userId: string, now = new Date()): Promise<ConsumeResult> {
  const client = await db();
  // The usual case in one statement: this user's run, unused, in time, claimed at once, with
  // its organization. (Prisma's updateManyAndReturn with the relation runs an UPDATE and a
  // SELECT in a transaction: four round trips.) Only when it misses is the run read, to say
  // why. Times are UTC, like Prisma's columns, and
  // cross as ISO text: no driver's or session's time zone reinterprets them.
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [taken] = await client.$queryRaw<ClaimedRow[]>`
    UPDATE "TestRun" AS t SET "usedAt" = ${at}, "status" = 'running'
    FROM "Registration" AS r
    WHERE t."stateHash" = ${stateHash} AND t."userId"::text = ${userId} AND t."usedAt" IS NULL
      AND t."codeVerifierEnc" IS NOT NULL AND t."expiresAt" > ${at} AND r."id" = t."registrationId"
    RETURNING t."id"::text AS "id", t."registrationId"::text AS "registrationId", t."userId"::text AS "userId",
      t."codeVerifierEnc", t."nonce", t."oneTimeSecretEnc", t."redirectUri", t."scope", t."steps",
      to_char(t."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", r."organizationId"::text AS "organizationId"`;
  if (taken) {
    const { steps, createdAt, ...rest } = taken;
    return { outcome: "consumed", run: { ...rest, createdAt: new Date(createdAt), steps: readStoredSteps(steps).steps } };
  }
  const row = await client.testRun.findUnique({
    where: { stateHash },
    select: { id: true, registrationId: true, userId: true, codeVerifierEnc: true, usedAt: true, expiresAt: true },
  });
  if (!row) return { outcome: "not_found" };
  if (row.userId !== userId) return { outcome: "other_user" };
  const ref = { runId: row.id, registrationId: row.registrationId };
  // A run without its verifier has ended, whatever else its row says.
  if (row.usedAt || !row.codeVerifierEnc) return { outcome: "replayed", ...ref };
  if (row.expiresAt.getTime() <= now.getTime()) {
    await client.testRun.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now, completedAt: now, status: "expired", oneTimeSecretEnc: null, codeVerifierEnc: null },
    });
    return { outcome: "expired", ...ref };
  }
  // Unused, in time and this user's, yet the claim above missed: only a concurrent change
  // between the two statements does that, and a run is never claimed twice.
  return { outcome: "replayed", ...ref };
}

type ClaimedRow = Omit<ConsumedRun, "steps" | "createdAt"> & { steps: Prisma.JsonValue; createdAt: string };

/** Ends a claimed run: its result and steps; the one-time secret and the verifier wiped. */
export async function finishRun(id: string, status: Extract<RunStatus, "passed" | "failed">, steps: Step[], now = new Date()) {
  await (
    await db()
  ).testRun.update({
    where: { id },
    // The verifier is of no use once the code was exchanged (or refused): it goes too.
    data: { status, steps: asJson(steps), completedAt: now, oneTimeSecretEnc: null, codeVerifierEnc: null },
    select: { id: true },
  });
}

type Client = Pick<Prisma.TransactionClient, "testRun">;

/**
 * Closes runs whose browser never came back: marked expired, one-time secret wiped. Called
 * when runs are started or listed, and by housekeeping, so no secret outlives its run long.
 */
export async function expireStaleRuns(now = new Date(), client?: Client): Promise<number> {
  sweep.__testRunsSweptAt = now.getTime();
  const result = await (client ?? (await db())).testRun.updateMany({
    where: { usedAt: null, expiresAt: { lte: now } },
    data: { status: "expired", usedAt: now, completedAt: now, oneTimeSecretEnc: null, codeVerifierEnc: null },
  });
  return result.count;
}

const SWEEP_INTERVAL_MS = 60_000;
const sweep = globalThis as unknown as { __testRunsSweptAt?: number };

/**
 * expireStaleRuns, at most once a minute per process: starting a run calls it, and a sweep on
 * every start was one statement more per run for rows that rarely exist. A stale run's
 * one-time secret then lives at most a minute longer; its callback is refused as expired
 * either way (consumeRunByState checks the time), and lists show it as expired.
 */
export async function expireStaleRunsNowAndThen(now = new Date()): Promise<number> {
  const last = sweep.__testRunsSweptAt;
  if (last !== undefined && now.getTime() - last < SWEEP_INTERVAL_MS && now.getTime() >= last) return 0;
  return expireStaleRuns(now);
}

/**
 * Housekeeping: wipes the flow state (state hash, verifier, nonce, one-time secret) of runs
 * that expired before `before`; the run and its steps stay as history. A callback carrying a
 * wiped run's state is then simply unknown. Only closed runs (used, or expired by
 * expireStaleRuns): a pending one still reads as pending to its callback.
 */
export async function wipeEndedRunState(before: Date, client: Client): Promise<number> {
  const ended = { expiresAt: { lt: before }, usedAt: { not: null } };
  const { count } = await client.testRun.updateMany({
    where: { ...ended, OR: [{ stateHash: { not: null } }, { codeVerifierEnc: { not: null } }, { nonce: { not: null } }, { oneTimeSecretEnc: { not: null } }] },
    data: { stateHash: null, codeVerifierEnc: null, nonce: null, oneTimeSecretEnc: null },
  });
  return count;
}

const viewSelect = {
  id: true,
  registrationId: true,
  userId: true,
  status: true,
  scope: true,
  redirectUri: true,
  steps: true,
  createdAt: true,
  completedAt: true,
  expiresAt: true,
} as const;

async function userNames(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const users = await (await db()).user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** A pending run past its time limit reads as expired even before the sweep closes it. */
function effectiveStatus(status: RunStatus, expiresAt: Date, now: Date): RunStatus {
  return status === "pending" && expiresAt.getTime() <= now.getTime() ? "expired" : status;
}

/**
 * One run of a registration of this organization (the permission is in the where clause).
 * Cached for one request: the run page's layout checks access with it, then the page reads it.
 */
export const getTestRun = cache(async (organizationId: string, registrationId: string, runId: string) => {
  if (!isUuid(registrationId) || !isUuid(runId)) return null;
  const row = await (
    await db()
  ).testRun.findFirst({
    where: { id: runId, registrationId, registration: { organizationId } },
    select: viewSelect,
  });
  if (!row) return null;
  const names = await userNames([row.userId]);
  const { userId, ...rest } = row;
  const { steps, unreadable } = readStoredSteps(row.steps);
  return {
    ...rest,
    status: effectiveStatus(row.status, row.expiresAt, new Date()),
    steps,
    unreadableSteps: unreadable,
    startedBy: names.get(userId) ?? "A former member",
    startedById: userId,
  };
});

/** The registration's runs, newest first, without their steps. */
export async function listTestRuns(organizationId: string, registrationId: string, take = 50) {
  if (!isUuid(registrationId)) return [];
  const rows = await (
    await db()
  ).testRun.findMany({
    where: { registrationId, registration: { organizationId } },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, userId: true, status: true, createdAt: true, completedAt: true, expiresAt: true, scope: true },
  });
  const names = await userNames(rows.map((r) => r.userId));
  const now = new Date();
  return rows.map(({ userId, ...r }) => ({ ...r, status: effectiveStatus(r.status, r.expiresAt, now), startedBy: names.get(userId) ?? "A former member" }));
}

/**
 * Name and environment of a registration of this organization (for page titles and downloads).
 * Cached for one request: the test-run pages' layout checks access with it, then the page reads it.
 */
export const registrationSummary = cache(async (organizationId: string, registrationId: string) => {
  if (!isUuid(registrationId)) return null;
  return (await db()).registration.findFirst({
    where: { id: registrationId, organizationId },
    select: { id: true, clientName: true, environment: true },
  });
});
