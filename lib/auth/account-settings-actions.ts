"use server";
import { DomainError } from "@/lib/errors";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { deleteAccount, leaveOrganization, setMemberRole } from "@/lib/db/organizations";
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
  if (check.outcome === "locked") throw new DomainError("locked", `Too many wrong passwords. Try again in ${formatWait(check.retryAfterSeconds)}.`);
  if (check.outcome !== "ok") throw new DomainError("invalid", FIELDS, { fieldErrors: { [field]: ["That is not your current password."] } });
}

export const changeNameAction = action("user", changeNameSchema, async ({ name }, { user }) => {
  await renameUser(user, name);
  return { ok: true, message: "Your name was saved." };
});

export const changePasswordAction = action("user", changePasswordSchema, async ({ currentPassword, newPassword }, { user }) => {
  if (!(await hasPassword(user.id))) throw new DomainError("invalid", "You sign in with single sign-on: your password is managed there.");
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
    throw new DomainError("invalid", FIELDS, { fieldErrors: { confirmation: ["Type your e-mail address exactly as shown."] } });
  }
  await deleteAccount(user);
  await signOut({ redirectTo: "/sign-in?deleted=1" });
});

export const leaveOrganizationAction = action("member", z.object({}), async (_input, { user }) => {
  await leaveOrganization(user.membership.organization.id, user);
  redirect("/no-organization");
});

/** Owners make members owners, and step down themselves; nobody demotes another owner. */
export const setMemberRoleAction = action("owner", memberRoleSchema, async ({ userId, role }, { user }) => {
  if (role === "MEMBER" && userId !== user.id) throw new DomainError("invalid", "Owners step down themselves: ask them to.", { code: "owners_step_down_themselves" });
  const changed = await setMemberRole(user.membership.organization.id, user, userId, role);
  if (!changed) throw new DomainError("invalid", "That person is not a member of your organization (any more).");
  return { ok: true, message: role === "OWNER" ? "They are now an owner." : "You are now a member: an owner can make you an owner again." };
});
