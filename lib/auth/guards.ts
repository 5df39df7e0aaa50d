import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { cookieSessionId } from "./auth";
import { activeSessionUser } from "./session";

// The one place that decides who may see what. Pages, server actions and route handlers all
// call these; proxy.ts only redirects for convenience and is never the check.

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>;
export type MemberUser = SessionUser & { membership: NonNullable<SessionUser["membership"]> };

async function loadSessionUser() {
  const sessionId = await cookieSessionId();
  return sessionId ? activeSessionUser(sessionId) : null;
}

/** The signed-in, verified user, or null. Cached for one request. */
export const getCurrentUser = cache(loadSessionUser);

export function isAdmin(user: Pick<SessionUser, "isStaff" | "emailVerified"> | null): boolean {
  return Boolean(user?.isStaff && user.emailVerified);
}

export function isMember(user: SessionUser | null): user is MemberUser {
  return Boolean(user?.membership);
}

async function signInRedirect(): Promise<never> {
  const path = (await headers()).get("x-portal-path") ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

export async function requireUser(): Promise<SessionUser> {
  return (await getCurrentUser()) ?? signInRedirect();
}

/**
 * A member of a partner organization. With an organizationId, anything but the member's own
 * organization answers 404, so other organizations' resources cannot even be confirmed to exist.
 */
export async function requireOrgMember(organizationId?: string): Promise<MemberUser> {
  const user = await requireUser();
  if (!isMember(user)) {
    if (isAdmin(user)) redirect("/admin");
    redirect("/no-organization");
  }
  if (organizationId !== undefined && organizationId !== user.membership.organization.id) notFound();
  return user;
}

export async function requireOrgOwner(organizationId?: string): Promise<MemberUser> {
  const user = await requireOrgMember(organizationId);
  if (user.membership.role !== "OWNER") notFound();
  return user;
}

/** Platform staff with a verified address; everyone else gets 404. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isAdmin(user)) notFound();
  return user;
}
