import "server-only";
import { env } from "@/lib/env";
import { dueMail, markMailAttemptFailed, markMailSent, storeMail } from "@/lib/db/mail";
import { log } from "@/lib/log";

// Every message is stored first (the development outbox, or the retry queue with SMTP), then
// delivered. Delivery failures are retried with backoff and never fail the caller.
//
// Who may receive mail: only verified users of the portal (notifyUser), plus the one message
// that proves an address (verification, invitation), which by its nature goes to an address
// that is not verified yet. Nothing mails an arbitrary address typed into a form.

export type Mail = { to: string; subject: string; text: string };

const MAX_ATTEMPTS = 6;

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
const g = globalThis as unknown as { __portalMailTransport?: Promise<Transport> };

async function transport(): Promise<Transport | undefined> {
  const { smtpUrl } = env();
  if (!smtpUrl) return undefined;
  return (g.__portalMailTransport ??= import("nodemailer").then((m) => m.default.createTransport(smtpUrl)));
}

export async function sendMail(mail: Mail): Promise<void> {
  const { id } = await storeMail(mail);
  const smtp = await transport();
  if (!smtp) {
    // The embedded default: the outbox page and this log line are the delivery.
    log.info("mail.outbox", { to: mail.to, subject: mail.subject, text: mail.text });
    await markMailSent(id);
    return;
  }
  void deliver(smtp, { id, attempts: 0, ...mail });
}

async function deliver(smtp: Transport, m: Mail & { id: string; attempts: number }) {
  try {
    await smtp.sendMail({ from: env().mailFrom, to: m.to, subject: m.subject, text: m.text });
    await markMailSent(m.id);
  } catch (error) {
    const attempt = m.attempts + 1;
    const retryAt = new Date(Date.now() + 2 ** attempt * 30_000);
    log.warn("mail.delivery_failed", { id: m.id, attempt, error: (error as Error).message });
    await markMailAttemptFailed(m.id, (error as Error).message, attempt >= MAX_ATTEMPTS, retryAt).catch(() => undefined);
  }
}

/** Retries pending deliveries; called periodically by the server (instrumentation.ts). */
export async function retryPendingMail() {
  const smtp = await transport();
  if (!smtp) return;
  for (const m of await dueMail()) await deliver(smtp, m);
}

export function absoluteUrl(pathname: string): string {
  return new URL(pathname, env().appUrl + "/").toString();
}
