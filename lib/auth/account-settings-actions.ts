"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ActionError, action } from "@/lib/actions/safe-action";
import { OwnershipError, deleteAccount, leaveOrganization, setMemberRole } from "@/lib/db/organizations";
import { endUserSessions } from "@/lib/db/sessions";
import { hasPassword, renameUser, setPassword } from "@/lib/db/users";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { formatWait } from "@/lib/security/rate-limit";
import { hashPassword } from "@/lib/security/password";
import { changeNameSchema, changePasswordSchema, deleteAccountSchema, memberRoleSchema } from "@/lib/validation/account";
import { signOut } from "./auth";
import { checkPasswordSignIn } from "./password-sign-in";
import { securityEvent } from "./security-events";

// The account page and the team's roles. Every change that matters for security is audited
// and mailed to the person (lib/auth/security-events.ts).

const FIELDS = "Some fields need your attention.";

async function clientIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
}

/** Re-checks the password of the signed-in person, counted like a sign-in attempt. */
async function confirmPassword(email: string, password: string, field: string) {
  const check = await checkPasswordSignIn(email, password, await clientIp());
  if (check.outcome === "locked") throw new ActionError(`Too many wrong passwords. Try again in ${formatWait(check.retryAfterSeconds)}.`, undefined, "locked");
  if (check.outcome !== "ok") throw new ActionError(FIELDS, { [field]: ["That is not your current password."] });
}

export const changeNameAction = action("user", changeNameSchema, async ({ name }, { user }) => {
  await renameUser(user, name);
  return { ok: true, message: "Your name was saved." };
});

export const changePasswordAction = action("user", changePasswordSchema, async ({ currentPassword, newPassword }, { user }) => {
  if (!(await hasPassword(user.id))) throw new ActionError("You sign in with single sign-on: your password is managed there.");
  await confirmPassword(user.email, currentPassword, "currentPassword");
  await setPassword(user.id, await hashPassword(newPassword), { keep: user.sessionId });
  await securityEvent("password_changed", user);
  return { ok: true, message: "Your password was changed. Your other sessions were signed out." };
});

export const signOutEverywhereAction = action("user", z.object({}), async (_input, { user }) => {
  await endUserSessions(user.id, "signed_out_everywhere");
  await securityEvent("signed_out_everywhere", user);
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
});

export const deleteAccountAction = action("user", deleteAccountSchema, async ({ confirmation }, { user }) => {
  if (await hasPassword(user.id)) await confirmPassword(user.email, confirmation, "confirmation");
  else if (confirmation.trim().toLowerCase() !== user.email) {
    throw new ActionError(FIELDS, { confirmation: ["Type your e-mail address exactly as shown."] });
  }
  try {
    await deleteAccount(user);
  } catch (error) {
    if (error instanceof OwnershipError) throw new ActionError(error.message, undefined, "last_owner");
    throw error;
  }
  await signOut({ redirectTo: "/sign-in?deleted=1" });
});

export const leaveOrganizationAction = action("member", z.object({}), async (_input, { user }) => {
  try {
    await leaveOrganization(user.membership.organization.id, user);
  } catch (error) {
    if (error instanceof OwnershipError) throw new ActionError(error.message, undefined, "last_owner");
    throw error;
  }
  redirect("/no-organization");
});

/** Owners make members owners, and step down themselves; nobody demotes another owner. */
export const setMemberRoleAction = action("owner", memberRoleSchema, async ({ userId, role }, { user }) => {
  if (role === "MEMBER" && userId !== user.id) throw new ActionError("Owners step down themselves: ask them to.", undefined, "owners_step_down_themselves");
  let changed: boolean;
  try {
    changed = await setMemberRole(user.membership.organization.id, user, userId, role);
  } catch (error) {
    if (error instanceof OwnershipError) throw new ActionError(error.message, undefined, "last_owner");
    throw error;
  }
  if (!changed) throw new ActionError("That person is not a member of your organization (any more).");
  return { ok: true, message: role === "OWNER" ? "They are now an owner." : "You are now a member: an owner can make you an owner again." };
});
