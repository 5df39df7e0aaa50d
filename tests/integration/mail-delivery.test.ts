// Delivery through a real SMTP server on loopback: claims, retries, the outage, giving up.
// The races matter on PostgreSQL (several connections, several instances), where this file
// also runs; PGlite serialises queries and could hide them.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import * as mailDb from "@/lib/db/mail";
import * as mail from "@/lib/mail";
import { withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";
import { loopbackSmtp } from "../support/smtp";

// Each message is held 200 ms before the server accepts it: a slow server widens every race.
const smtp = await loopbackSmtp({ delayMs: 200 });
withTestDatabase();
withTestEnv({ SMTP_URL: smtp.url, MAIL_RETRY_INTERVAL_SECONDS: "1", MAIL_BACKOFF_SECONDS: "1", MAIL_MAX_ATTEMPTS: "2" });

beforeEach(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await smtp.start();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await smtp.stop();
});
afterAll(() => smtp.stop());

let serial = 0;
const subjects = (n: number, label: string) => Array.from({ length: n }, (_, i) => `${label} ${++serial}-${i}`);

async function rows(subjectList: string[]) {
  return (await db()).mailMessage.findMany({
    where: { subject: { in: subjectList } },
    select: { subject: true, status: true, attempts: true, lastError: true },
  });
}

/** Waits for deliveries to settle: nothing the server is still holding gets missed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe("mail delivery over SMTP", () => {
  // Issue 9: the retry loop read due rows without claiming them, so two instances (two
  // retry passes) both delivered every due message.
  it("two instances retrying at once deliver each due message exactly once", async () => {
    const list = subjects(8, "Due");
    await (await db()).mailMessage.createMany({ data: list.map((subject) => ({ to: "due@example.com", subject, text: "Hello" })) });

    await Promise.all([mail.retryPendingMail(), mail.retryPendingMail()]);
    await settle();

    const counts = smtp.counts();
    expect(list.map((s) => counts.get(s) ?? 0)).toEqual(list.map(() => 1));
    expect((await rows(list)).every((r) => r.status === "SENT")).toBe(true);
  });

  // Issue 9: the first attempt did not claim its row, so a retry pass started meanwhile sent it too.
  it("a retry pass running during the first attempt does not deliver the message again", async () => {
    const [subject] = subjects(1, "First attempt");
    await mail.sendMail({ to: "first@example.com", subject: subject!, text: "Hello" });
    await mail.retryPendingMail();
    await vi.waitFor(async () => expect((await rows([subject!]))[0]?.status).toBe("SENT"), { timeout: 5_000 });
    await settle();
    expect(smtp.counts().get(subject!)).toBe(1);
  });

  it("keeps messages while the server is down and delivers them when it returns (interval and backoff are settings)", async () => {
    await smtp.stop();
    const [subject] = subjects(1, "Outage");
    await expect(mail.sendMail({ to: "outage@example.com", subject: subject!, text: "Hello" })).resolves.toBeUndefined();
    await vi.waitFor(async () => expect((await rows([subject!]))[0]).toMatchObject({ status: "PENDING", lastError: expect.any(String) }), { timeout: 5_000 });

    await smtp.start();
    const stop = mail.startMailRetry();
    try {
      // Backoff of 2 s (MAIL_BACKOFF_SECONDS × 2^1), then a pass every second.
      await vi.waitFor(async () => expect((await rows([subject!]))[0]?.status).toBe("SENT"), { timeout: 10_000, interval: 200 });
    } finally {
      stop();
    }
    await settle();
    expect(smtp.counts().get(subject!)).toBe(1);
    expect((await rows([subject!]))[0]?.attempts).toBe(2);
  });

  it("gives up after MAIL_MAX_ATTEMPTS and keeps the message as FAILED", async () => {
    await smtp.stop();
    const [subject] = subjects(1, "Give up");
    await mail.sendMail({ to: "never@example.com", subject: subject!, text: "Hello" });
    await vi.waitFor(
      async () => {
        await mail.retryPendingMail();
        expect((await rows([subject!]))[0]).toMatchObject({ status: "FAILED", attempts: 2 });
      },
      { timeout: 10_000, interval: 500 },
    );
  });

  it("a claim expires when its sender dies, so the message is not stuck", async () => {
    const [subject] = subjects(1, "Crashed sender");
    await (await db()).mailMessage.create({ data: { to: "crash@example.com", subject: subject!, text: "Hello" } });
    const mine = <T extends { subject: string }>(list: T[]) => list.filter((m) => m.subject === subject);

    const first = mine(await mailDb.claimDueMail(50, 1));
    expect(first).toHaveLength(1);
    // Claimed: nobody else gets it while the lease lasts...
    expect(mine(await mailDb.claimDueMail(50, 1))).toHaveLength(0);
    // ...and the sender "dies" without a word. After the lease, it is due again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = mine(await mailDb.claimDueMail(50, 60));
    expect(again).toEqual([expect.objectContaining({ attempts: first[0]!.attempts + 1 })]);
    // The dead sender's late word no longer counts: its claim was taken over.
    expect(await mailDb.markMailSent(first[0]!.id, first[0]!.attempts)).toBe(false);
    expect(await mailDb.markMailSent(again[0]!.id, again[0]!.attempts)).toBe(true);
  });
});
