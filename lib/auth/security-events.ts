import "server-only";
import { recordAudit } from "@/lib/db/audit";
import { findUserByEmail, verifiedOwnerAddresses } from "@/lib/db/users";
import { absoluteUrl, sendMail } from "@/lib/mail";
import { securityMail, type SecurityNotice } from "@/lib/mail/templates";
import { consumeRateLimit } from "@/lib/security/rate-limit";

// Security events: recorded in the audit log and mailed to the person they affect, so that a
// change they did not make does not go unnoticed.

type Person = { id: string; name: string; email: string; isStaff?: boolean };

const NOTICES = {
  locked_out: {
    subject: "Your account was locked after failed sign-ins",
    what: "Someone entered a wrong password for your partner portal account five times, so sign-in is blocked for 15 minutes.",
    advice: "If it was you, wait or reset your password. If it was not, someone may be guessing your password: choose a strong, unique one.",
  },
  password_changed: {
    subject: "Your password was changed",
    what: "The password of your partner portal account was changed, and your other sessions were signed out.",
  },
  signed_out_everywhere: { subject: "You were signed out everywhere", what: "All sessions of your partner portal account were ended at once." },
  passkey_added: { subject: "A passkey was added to your account", what: "A new passkey was registered as a second factor for your staff account." },
  totp_added: {
    subject: "An authenticator app was added to your account",
    what: "An authenticator app (TOTP) was registered as a second factor for your staff account.",
  },
  recovery_codes_created: {
    subject: "New recovery codes for your account",
    what: "New recovery codes were created for your staff account; earlier ones no longer work.",
  },
  secret_rotated: { subject: "A client secret was rotated", what: "" },
} satisfies Record<string, SecurityNotice>;

export type SecurityEventKind = keyof typeof NOTICES;

/** Audits the event (the person as actor, or the system) and mails the person affected. */
export async function securityEvent(
  kind: SecurityEventKind,
  person: Person,
  options: { actor?: Person | "system"; summary?: string; what?: string; organizationId?: string; registrationId?: string } = {},
) {
  const notice = { ...NOTICES[kind], ...(options.what ? { what: options.what } : {}) };
  const actor = options.actor ?? person;
  await recordAudit(undefined, {
    actor: actor === "system" ? { role: "system" } : { id: actor.id, name: actor.name, email: actor.email, role: actor.isStaff ? "admin" : "partner" },
    action: `security.${kind}`,
    summary: options.summary ?? `${notice.subject} (${person.email})`,
    organizationId: options.organizationId,
    registrationId: options.registrationId,
  });
  await sendMail(securityMail(person.email, person.name, notice));
}

/** A lock-out, mailed at most once per lock window to an address that has an account. */
export async function lockedOut(email: string, windowMs: number) {
  const holder = await findUserByEmail(email);
  if (!holder) return;
  if (await consumeRateLimit(`lockout-mail:${holder.id}`, 1, windowMs)) return;
  await securityEvent("locked_out", holder, { actor: "system", summary: `Sign-in to ${holder.email} was locked after repeated failed passwords` });
}

/** A rotation is mailed to every owner of the organization (and audited by the rotation itself). */
export async function notifyOwnersOfRotation(organizationId: string, registrationId: string, by: Person, graceSeconds: number) {
  const grace =
    graceSeconds === 0
      ? "stopped working at once"
      : `keeps working for ${graceSeconds >= 86_400 ? `${graceSeconds / 86_400} day(s)` : `${graceSeconds / 3600} hour(s)`}`;
  const what = `${by.name} rotated the client secret of one of your organization's registrations (${absoluteUrl(`/registrations/${registrationId}`)}). The previous secret ${grace}.`;
  for (const owner of await verifiedOwnerAddresses(organizationId)) {
    await sendMail(securityMail(owner.email, owner.name, { ...NOTICES.secret_rotated, what }));
  }
}
