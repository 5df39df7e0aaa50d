"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { action } from "@/lib/actions/safe-action";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { requestPasswordReset, resetPassword } from "@/lib/domain/accounts";
import { acceptInvitation, inviteMember, removeMember, revokeInvitation } from "@/lib/domain/organizations";
import { findSessionUser, promoteToStaff } from "@/lib/db/users";
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
  await requestPasswordReset(email);
  // The same answer whether or not the address has an account.
  return { ok: true, message: `If ${email} belongs to a confirmed account, a reset link is on its way. It expires in 1 hour.` };
});

export const resetPasswordAction = action("public", resetPasswordSchema, async ({ token, password }) => {
  await resetPassword(token, password);
  redirect("/sign-in?reset=1");
});

export const acceptInviteAction = action("public", acceptInviteSchema, async ({ token, name, password }) => {
  const user = await acceptInvitation(token, { name, passwordHash: await hashPassword(password) });
  await signIn("grant", { grant: issueSignInGrant(user.id), redirectTo: "/registrations?welcome=1" });
});

export const inviteMemberAction = action("owner", inviteSchema, async ({ email }, { user }) => {
  await inviteMember(user, email);
  return { ok: true, message: `Invitation sent to ${email}. It expires in 7 days.` };
});

export const revokeInvitationAction = action("owner", revokeInvitationSchema, async ({ invitationId }, { user }) => {
  await revokeInvitation(user, invitationId);
  return { ok: true, message: "Invitation revoked." };
});

export const removeMemberAction = action("owner", removeMemberSchema, async ({ userId }, { user }) => {
  await removeMember(user, userId);
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
