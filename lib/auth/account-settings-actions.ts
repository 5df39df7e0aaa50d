"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { changeName, changePassword, deleteAccount, endAllSessions } from "@/lib/domain/accounts";
import { leaveOrganization, setMemberRole } from "@/lib/domain/organizations";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { changeNameSchema, changePasswordSchema, deleteAccountSchema, memberRoleSchema } from "@/lib/validation/account";
import { signOut } from "./auth";

// The account page and the team's roles: each action calls its domain operation
// (lib/domain/accounts.ts, lib/domain/organizations.ts) and then moves the browser on.

async function clientIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
}

export const changeNameAction = action("user", changeNameSchema, async ({ name }, { user }) => {
  await changeName(user, name);
  return { ok: true, message: "Your name was saved." };
});

export const changePasswordAction = action("user", changePasswordSchema, async (input, { user }) => {
  await changePassword(user, input, await clientIp());
  return { ok: true, message: "Your password was changed. Your other sessions were signed out." };
});

export const signOutEverywhereAction = action("user", z.object({}), async (_input, { user }) => {
  await endAllSessions(user);
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
});

export const deleteAccountAction = action("user", deleteAccountSchema, async ({ confirmation }, { user }) => {
  await deleteAccount(user, confirmation, await clientIp());
  await signOut({ redirectTo: "/sign-in?deleted=1" });
});

export const leaveOrganizationAction = action("member", z.object({}), async (_input, { user }) => {
  await leaveOrganization(user);
  redirect("/no-organization");
});

export const setMemberRoleAction = action("owner", memberRoleSchema, async ({ userId, role }, { user }) => {
  await setMemberRole(user, userId, role);
  return { ok: true, message: role === "OWNER" ? "They are now an owner." : "You are now a member: an owner can make you an owner again." };
});
