// Plain-text messages. Every link is absolute and built from APP_URL.
import { absoluteUrl, type Mail } from "./index";

export function verificationMail(to: string, name: string, token: string): Mail {
  const link = absoluteUrl(`/verify-email?token=${encodeURIComponent(token)}`);
  return {
    to,
    subject: "Confirm your e-mail address",
    text: `Hi ${name},\n\nConfirm your e-mail address to start using the partner portal:\n\n${link}\n\nThe link works once and expires in 24 hours. If you did not sign up, ignore this message.\n`,
  };
}

export function passwordResetMail(to: string, name: string, token: string): Mail {
  const link = absoluteUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    to,
    subject: "Reset your password",
    text: `Hi ${name},\n\nSomeone (hopefully you) asked to reset the password of your partner portal account. Choose a new password here:\n\n${link}\n\nThe link works once and expires in 1 hour. If you did not ask for this, ignore this message: your password stays as it is.\n`,
  };
}

export function invitationMail(to: string, inviter: string, organization: string, token: string): Mail {
  const link = absoluteUrl(`/invite/${encodeURIComponent(token)}`);
  return {
    to,
    subject: `${inviter} invited you to ${organization} on the partner portal`,
    text: `${inviter} invited you to join ${organization} on the partner portal, where your team registers and manages its OAuth clients.\n\nAccept the invitation and choose a password:\n\n${link}\n\nThe invitation expires in 7 days.\n`,
  };
}
