import "server-only";
import { env } from "@/lib/env";
import { claimDueMail, markMailAttemptFailed, markMailSent, storeClaimedMail, storeDeliveredMail, type ClaimedMail } from "@/lib/db/mail";
import { log } from "@/lib/log";

// Every message is stored first (the development outbox, or the retry queue with SMTP), then
// delivered. Delivery failures are retried with backoff and never fail the caller. Each
// attempt, the first one too, claims its message in the database first (lib/db/mail.ts), so
// several instances and overlapping passes never send one message twice.
//
// Who may receive mail is decided by the callers, not here: registration news goes to verified
// members and admins (lib/review/notify.ts), security notices to the account concerned or its
// verified owners (lib/auth/security-events.ts), reset links to verified addresses only. The
// messages that prove an address (sign-up link, invitation) by their nature go to one that is
// not verified yet, and are limited per address. Nothing else mails an address typed into a form.

export type Mail = { to: string; subject: string; text: string };

// A claim lasts longer than any one send can take (the timeouts below), so a live sender
// never loses its message to another; a sender that died frees it after this long.
const LEASE_SECONDS = 10 * 60;
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
// One pass delivers at most this many, so a long queue does not hold a pass for hours.
const MAX_PER_PASS = 200;

type Transport = { sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
const g = globalThis as unknown as { __portalMailTransport?: { url: string; transport: Promise<Transport> } };

async function transport(): Promise<Transport | undefined> {
  const { smtpUrl } = env();
  if (!smtpUrl) return undefined;
  if (g.__portalMailTransport?.url !== smtpUrl) {
    const created = import("nodemailer").then((m) => m.default.createTransport({ url: smtpUrl, ...TIMEOUTS }) as Transport);
    g.__portalMailTransport = { url: smtpUrl, transport: created };
  }
  return g.__portalMailTransport.transport;
}

export async function sendMail(mail: Mail): Promise<void> {
  const smtp = await transport();
  if (!smtp) {
    // The embedded default: the outbox page and this log line are the delivery.
    await storeDeliveredMail(mail);
    log.info("mail.outbox", { to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  void deliver(smtp, await storeClaimedMail(mail, LEASE_SECONDS));
}

/** Sends one claimed message; true when it went out. Never throws. */
async function deliver(smtp: Transport, m: ClaimedMail): Promise<boolean> {
  try {
    await smtp.sendMail({ from: env().mailFrom, to: m.to, subject: m.subject, text: m.text });
  } catch (error) {
    const { backoffMs, maxAttempts } = env().mailDelivery;
    const message = error instanceof Error ? error.message : String(error);
    log.warn("mail.delivery_failed", { id: m.id, attempt: m.attempts, error: message });
    await markMailAttemptFailed(m.id, m.attempts, message, m.attempts >= maxAttempts, (backoffMs / 1000) * 2 ** m.attempts).catch((e) =>
      log.error("mail.record_failed", { id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
    return false;
  }
  const recorded = await markMailSent(m.id, m.attempts).catch(() => false);
  if (!recorded) log.warn("mail.sent_unrecorded", { id: m.id, attempt: m.attempts });
  return true;
}

/**
 * One pass over the due messages, claiming one at a time so that each claim covers one send.
 * The first failure ends the pass: the server is probably down, and the rest would only wait
 * for their timeouts; they are tried at the next pass.
 */
export async function retryPendingMail(): Promise<void> {
  const smtp = await transport();
  if (!smtp) return;
  for (let i = 0; i < MAX_PER_PASS; i++) {
    const [m] = await claimDueMail(1, LEASE_SECONDS);
    if (!m || !(await deliver(smtp, m))) return;
  }
}

/** Starts the periodic retry pass (MAIL_RETRY_INTERVAL_SECONDS); returns a function that stops it. */
export function startMailRetry(): () => void {
  const state = { running: false };
  const timer = setInterval(() => {
    if (state.running) return; // a slow pass is still working through the queue
    state.running = true;
    retryPendingMail()
      .catch((error) => log.error("mail.retry_failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (state.running = false));
  }, env().mailDelivery.retryIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function absoluteUrl(pathname: string): string {
  return new URL(pathname, env().appUrl + "/").toString();
}
