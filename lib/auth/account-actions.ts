"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { action } from "@/lib/actions/safe-action";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { consumeAuthToken, issueAuthToken, lastIssuedAt } from "@/lib/db/auth-tokens";
import {
  acceptInvitation,
  countInvitationsSince,
  createInvitation,
  removeMember,
  revokeInvitation,
} from "@/lib/db/organizations";
import { findSessionUser, findUserByEmail, getUserEmail, promoteToStaff, setPassword } from "@/lib/db/users";
import { sendMail } from "@/lib/mail";
import { invitationMail, passwordResetMail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/security/password";
import { clearSignInFailures, formatWait } from "@/lib/security/rate-limit";
import {
  acceptInviteSchema,
  forgotPasswordSchema,
  inviteSchema,
  removeMemberSchema,
  resetPasswordSchema,
  revokeInvitationSchema,
  safeCallbackUrl,
  signInSchema,
} from "@/lib/validation/account";
import { z } from "zod";
import { endSession } from "@/lib/db/sessions";
import { STAFF_SSO_PROVIDER, issueSignInGrant, signIn, signOut } from "./auth";
import { checkPasswordSignIn } from "./password-sign-in";
import { startStaffSecondFactor } from "./second-factor-cookie";

const RESEND_COOL_DOWN_MS = 60_000;
const INVITES_PER_DAY = 50;

async function clientIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
}

function lockedMessage(scope: "account" | "ip", seconds: number) {
  return scope === "account"
    ? `Too many failed sign-in attempts for this account. Try again in ${formatWait(seconds)}, or reset your password.`
    : `Too many failed sign-in attempts from your network. Try again in ${formatWait(seconds)}.`;
}

export const signInAction = action("public", signInSchema, async ({ email, password, callbackUrl }) => {
  const result = await checkPasswordSignIn(email, password, await clientIp());
  if (result.outcome === "locked") throw new DomainError("locked", lockedMessage(result.scope, result.retryAfterSeconds));
  if (result.outcome === "invalid_credentials") {
    throw new DomainError("invalid", "That e-mail and password do not match an account.", { code: "invalid_credentials" });
  }
  const { user } = result;
  if (env().adminEmails.has(user.email)) await promoteToStaff(user.id);
  if ((await findSessionUser(user.id))?.isStaff) {
    if (env().staffSsoOnly) throw new DomainError("invalid", "Platform staff sign in with single sign-on: use the button below.", { code: "sso_only" });
    await startStaffSecondFactor(user.id, safeCallbackUrl(callbackUrl, "/admin"));
  }
  await clearSignInFailures(user.email);
  await signIn("grant", {
    grant: issueSignInGrant(user.id),
    redirectTo: safeCallbackUrl(callbackUrl, "/"),
  });
});

export const forgotPasswordAction = action("public", forgotPasswordSchema, async ({ email }) => {
  const user = await findUserByEmail(email);
  // Reset links go to verified addresses only; the answer is the same either way.
  if (user?.emailVerified) {
    const last = await lastIssuedAt(user.id, "RESET_PASSWORD");
    if (!last || Date.now() - last.getTime() > RESEND_COOL_DOWN_MS) {
      await sendMail(passwordResetMail(user.email, user.name, await issueAuthToken(user.id, "RESET_PASSWORD")));
    }
  }
  return { ok: true, message: `If ${email} belongs to a confirmed account, a reset link is on its way. It expires in 1 hour.` };
});

export const resetPasswordAction = action("public", resetPasswordSchema, async ({ token, password }) => {
  const passwordHash = await hashPassword(password);
  const result = await consumeAuthToken(token, "RESET_PASSWORD");
  if (result.status !== "valid") {
    throw new DomainError("invalid", result.status === "expired"
        ? "This reset link has expired. Ask for a new one."
        : "This reset link has already been used or is not valid. Ask for a new one.", { code: result.status });
  }
  await setPassword(result.userId, passwordHash, { reason: "password_reset" });
  // A new password ends the lock-out that may have led here.
  const email = await getUserEmail(result.userId);
  if (email) await clearSignInFailures(email);
  redirect("/sign-in?reset=1");
});

export const acceptInviteAction = action("public", acceptInviteSchema, async ({ token, name, password }) => {
  const passwordHash = await hashPassword(password);
  let user: { id: string };
  try {
    user = await acceptInvitation(token, { name, passwordHash });
  } catch (error) {
    if (error instanceof DomainError && error.code === "email_taken") throw new DomainError("invalid", "This address already has an account. Sign in instead.");
    throw error;
  }
  await signIn("grant", { grant: issueSignInGrant(user.id), redirectTo: "/registrations?welcome=1" });
});

export const inviteMemberAction = action("owner", inviteSchema, async ({ email }, { user }) => {
  const org = user.membership.organization;
  if ((await countInvitationsSince(org.id, new Date(Date.now() - 86_400_000))) >= INVITES_PER_DAY) {
    throw new DomainError("invalid", `Your organization has sent ${INVITES_PER_DAY} invitations today. Try again tomorrow.`);
  }
  try {
    const invite = await createInvitation(org.id, user.id, email);
    await sendMail(invitationMail(invite.email, user.name, org.name, invite.token));
  } catch (error) {
    if (error instanceof DomainError && error.code === "email_refused") {
      throw new DomainError("invalid", "Some fields need your attention.", { fieldErrors: { email: [error.message] } });
    }
    throw error;
  }
  return { ok: true, message: `Invitation sent to ${email}. It expires in 7 days.` };
});

export const revokeInvitationAction = action("owner", revokeInvitationSchema, async ({ invitationId }, { user }) => {
  const done = await revokeInvitation(user.membership.organization.id, invitationId);
  if (!done) throw new DomainError("invalid", "That invitation was already accepted, revoked or has expired.");
  return { ok: true, message: "Invitation revoked." };
});

export const removeMemberAction = action("owner", removeMemberSchema, async ({ userId }, { user }) => {
  if (userId === user.id) throw new DomainError("invalid", "You cannot remove yourself: you are the owner.");
  const done = await removeMember(user.membership.organization.id, userId);
  if (!done) throw new DomainError("invalid", "That person is not a member of your organization (any more).");
  return { ok: true, message: "Member removed. They were signed out everywhere." };
});

export const signOutAction = action("public", z.object({}), async (_input, { user }) => {
  // Ends the session on the server first: a copy of the cookie must not outlive sign-out.
  if (user) await endSession(user.sessionId, "signed_out");
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
});

export const startStaffSsoAction = action("public", z.object({}), async () => {
  if (!env().oidc) throw new DomainError("invalid", "Single sign-on is not configured.");
  await signIn(STAFF_SSO_PROVIDER, { redirectTo: "/admin" });
});

// Plain <form action> entry points (no result to show: both end in a redirect).
export async function signOutFormAction(formData: FormData): Promise<void> {
  await signOutAction(null, formData);
}

export async function staffSsoFormAction(formData: FormData): Promise<void> {
  await startStaffSsoAction(null, formData);
}
