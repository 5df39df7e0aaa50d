import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./index";

// The mail queue. Whoever delivers a message first claims it: the claim bumps `attempts` (the
// claim's token) and pushes `nextAttemptAt` a lease ahead, so no other pass or instance sees
// it as due while it is being sent. A sender that dies leaves the lease to run out, and the
// message becomes due again. Finishing is a compare-and-set on the claim's `attempts`, so a
// sender whose lease was taken over cannot overwrite the new claim's outcome.
//
// Times of claims and retries are the database's (UTC, like Prisma's columns), never an
// instance's clock: two instances with skewed clocks still agree on when a lease ends.

const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
const after = (seconds: number) => Prisma.sql`(${NOW} + make_interval(secs => ${Math.ceil(seconds)}::int))`;

export type ClaimedMail = { id: string; to: string; subject: string; text: string; attempts: number };
type Message = { to: string; subject: string; text: string };

/** The development outbox: stored as delivered, because the outbox page is the delivery. */
export async function storeDeliveredMail(message: Message) {
  const now = new Date();
  await (await db()).mailMessage.create({ data: { ...message, status: "SENT", attempts: 1, sentAt: now, nextAttemptAt: now }, select: { id: true } });
}

/** Stores a message already claimed for its first attempt, so no retry pass can race it. */
export async function storeClaimedMail(message: Message, leaseSeconds: number): Promise<ClaimedMail> {
  const [row] = await (
    await db()
  ).$queryRaw<ClaimedMail[]>`
    INSERT INTO "MailMessage" ("id", "to", "subject", "text", "attempts", "nextAttemptAt", "createdAt")
    VALUES (gen_random_uuid(), ${message.to}, ${message.subject}, ${message.text}, 1, ${after(leaseSeconds)}, ${NOW})
    RETURNING "id"::text AS "id", "to", "subject", "text", "attempts"`;
  return row!;
}

/**
 * Claims up to `take` due messages, oldest due first. Rows another transaction is claiming
 * are skipped rather than waited for, so concurrent passes split the queue between them.
 */
export async function claimDueMail(take: number, leaseSeconds: number): Promise<ClaimedMail[]> {
  return (await db()).$queryRaw<ClaimedMail[]>`
    UPDATE "MailMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${after(leaseSeconds)}
    WHERE "id" IN (
      SELECT "id" FROM "MailMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${NOW}
      ORDER BY "nextAttemptAt" LIMIT ${take}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id", "to", "subject", "text", "attempts"`;
}

/** False when the claim was lost (its lease ran out and another sender took the message). */
export async function markMailSent(id: string, attempts: number): Promise<boolean> {
  const { count } = await (
    await db()
  ).mailMessage.updateMany({
    where: { id, attempts, status: "PENDING" },
    data: { status: "SENT", sentAt: new Date() },
  });
  return count === 1;
}

/** Records a failed attempt: due again after `retryInSeconds`, or FAILED for good. */
export async function markMailAttemptFailed(id: string, attempts: number, error: string, giveUp: boolean, retryInSeconds: number) {
  await (
    await db()
  ).$executeRaw`
    UPDATE "MailMessage"
    SET "status" = ${giveUp ? "FAILED" : "PENDING"}::"MailStatus", "lastError" = ${error.slice(0, 500)}, "nextAttemptAt" = ${after(retryInSeconds)}
    WHERE "id" = ${id}::uuid AND "attempts" = ${attempts}::int AND "status" = 'PENDING'`;
}

/** Housekeeping: messages delivered, or given up on, that were created before `before`. */
export async function pruneMail(before: Date, client: Pick<Prisma.TransactionClient, "mailMessage">): Promise<number> {
  const { count } = await client.mailMessage.deleteMany({ where: { status: { in: ["SENT", "FAILED"] }, createdAt: { lt: before } } });
  return count;
}

export async function listOutbox(take = 100) {
  return (await db()).mailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true, attempts: true, lastError: true },
  });
}
