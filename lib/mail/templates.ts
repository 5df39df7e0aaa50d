// Plain-text messages. Every link is absolute and built from APP_URL. Text that people chose
// (their name, their organization's name) is quoted as data: it never reaches a subject line,
// and anything in it that a mail client could turn into a link is defused.
import { absoluteUrl, type Mail } from "./index";

/** “text”, on one line, with "://" and dots between letters broken up so no client links it. */
export function quoted(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return `“${flat.replace(/:\/\//g, "[://]").replace(/([\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, "$1[.]")}”`;
}

export function signUpMail(to: string, token: string): Mail {
  const link = absoluteUrl(`/verify-email?token=${encodeURIComponent(token)}`);
  return {
    to,
    subject: "Confirm your e-mail address",
    text: `Hello,\n\nConfirm your e-mail address to create your partner portal account:\n\n${link}\n\nOn that page you choose your name, your organization and your password. The link works once and expires in 24 hours.\n\nIf you did not ask for this, ignore this message: nothing is created until the link is used.\n`,
  };
}

export function signUpAttemptMail(to: string, name: string): Mail {
  return {
    to,
    subject: "Someone tried to sign up with your address",
    text: `Hi ${quoted(name)},\n\nSomeone tried to create a partner portal account with this e-mail address, which already has one. Nothing was changed.\n\nIf it was you, sign in here:\n\n${absoluteUrl("/sign-in")}\n\nor, if you have forgotten your password, reset it here:\n\n${absoluteUrl("/forgot-password")}\n\nIf it was not you, you can ignore this message.\n`,
  };
}

export function passwordResetMail(to: string, name: string, token: string): Mail {
  const link = absoluteUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    to,
    subject: "Reset your password",
    text: `Hi ${quoted(name)},\n\nSomeone (hopefully you) asked to reset the password of your partner portal account. Choose a new password here:\n\n${link}\n\nThe link works once and expires in 1 hour. If you did not ask for this, ignore this message: your password stays as it is.\n`,
  };
}

export function invitationMail(to: string, inviter: string, organization: string, token: string): Mail {
  const link = absoluteUrl(`/invite/${encodeURIComponent(token)}`);
  return {
    to,
    subject: "You are invited to join a team on the partner portal",
    text: `${quoted(inviter)} invited you to join the organization ${quoted(organization)} on the partner portal, where your team registers and manages its OAuth clients.\n\nAccept the invitation and choose a password:\n\n${link}\n\nThe invitation expires in 7 days. If you did not expect it, ignore this message.\n`,
  };
}

/** What happened to an account, for the mail that tells its holder (lib/auth/security-events.ts). */
export type SecurityNotice = { subject: string; what: string; advice?: string };

export function securityMail(to: string, name: string, notice: SecurityNotice): Mail {
  const advice = notice.advice ?? `If this was not you, reset your password now at ${absoluteUrl("/forgot-password")} and tell your platform contact.`;
  return {
    to,
    subject: notice.subject,
    text: `Hi ${quoted(name)},\n\n${notice.what}\n\nWhen: ${new Date().toUTCString()}\n\n${advice}\n\nYou get this message for every security change to your partner portal account.\n`,
  };
}
