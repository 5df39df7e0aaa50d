import "server-only";
import type { SessionUser } from "@/lib/auth/guards";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { securityEvent } from "@/lib/auth/security-events";
import { consumeAuthToken, issueAuthToken, lastIssuedAt } from "@/lib/db/auth-tokens";
import { deleteAccount as deleteAccountRows } from "@/lib/db/organizations";
import { endUserSessions } from "@/lib/db/sessions";
import { findUserByEmail, getUserEmail, hasPassword, renameUser, setPassword } from "@/lib/db/users";
import { DomainError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { passwordResetMail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/security/password";
import { clearSignInFailures, formatWait } from "@/lib/security/rate-limit";

// The account aggregate's operations for the person it belongs to: name, password, sessions,
// deletion, and the password reset by e-mail. Every change that matters for security is
// audited and mailed to the person (lib/auth/security-events.ts). Signing in and out of the
// browser (Auth.js, cookies) stays with the server actions in lib/auth.

const FIELDS = "Some fields need your attention.";
const RESEND_COOL_DOWN_MS = 60_000;

/** Re-checks the password of the signed-in person, counted like a sign-in attempt. */
async function confirmPassword(email: string, password: string, field: string, ip: string | undefined) {
  const check = await checkPasswordSignIn(email, password, ip);
  if (check.outcome === "locked") throw new DomainError("locked", `Too many wrong passwords. Try again in ${formatWait(check.retryAfterSeconds)}.`);
  if (check.outcome !== "ok") throw new DomainError("invalid", FIELDS, { fieldErrors: { [field]: ["That is not your current password."] } });
}

export async function changeName(user: SessionUser, name: string) {
  await renameUser(user, name);
}

/** A new password ends every other session of the person. */
export async function changePassword(user: SessionUser, input: { currentPassword: string; newPassword: string }, ip: string | undefined) {
  if (!(await hasPassword(user.id))) throw new DomainError("invalid", "You sign in with single sign-on: your password is managed there.");
  await confirmPassword(user.email, input.currentPassword, "currentPassword", ip);
  await setPassword(user.id, await hashPassword(input.newPassword), { keep: user.sessionId });
  await securityEvent("password_changed", user);
}

export async function endAllSessions(user: SessionUser) {
  await endUserSessions(user.id, "signed_out_everywhere");
  await securityEvent("signed_out_everywhere", user);
}

/** Deletes the account after the person confirmed with their password (or, without one, their address). */
export async function deleteAccount(user: SessionUser, confirmation: string, ip: string | undefined) {
  if (await hasPassword(user.id)) await confirmPassword(user.email, confirmation, "confirmation", ip);
  else if (confirmation.trim().toLowerCase() !== user.email) {
    throw new DomainError("invalid", FIELDS, { fieldErrors: { confirmation: ["Type your e-mail address exactly as shown."] } });
  }
  await deleteAccountRows(user);
}

/** Mails a reset link to a confirmed address; the caller answers the same whatever happened. */
export async function requestPasswordReset(email: string) {
  const user = await findUserByEmail(email);
  if (!user?.emailVerified) return;
  const last = await lastIssuedAt(user.id, "RESET_PASSWORD");
  if (!last || Date.now() - last.getTime() > RESEND_COOL_DOWN_MS) {
    await sendMail(passwordResetMail(user.email, user.name, await issueAuthToken(user.id, "RESET_PASSWORD")));
  }
}

export async function resetPassword(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  const result = await consumeAuthToken(token, "RESET_PASSWORD");
  if (result.status !== "valid") {
    const message =
      result.status === "expired"
        ? "This reset link has expired. Ask for a new one."
        : "This reset link has already been used or is not valid. Ask for a new one.";
    throw new DomainError("invalid", message, { code: result.status });
  }
  await setPassword(result.userId, passwordHash, { reason: "password_reset" });
  // A new password ends the lock-out that may have led here.
  const email = await getUserEmail(result.userId);
  if (email) await clearSignInFailures(email);
}
