import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { isUuid } from "./ids";
import { db } from "./index";
import { endUserSessions } from "./sessions";
import { DomainError } from "@/lib/errors";
import { isUniqueViolation } from "./errors";

export const emailTaken = () => new DomainError("conflict", "An account with this e-mail address already exists.", { code: "email_taken" });

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The only query that reads a password hash; used by sign-in and nowhere else. */
export async function findUserForSignIn(email: string) {
  return (await db()).user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, passwordHash: true, emailVerified: true, isStaff: true },
  });
}

export async function findUserByEmail(email: string) {
  return (await db()).user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, emailVerified: true, isStaff: true },
  });
}

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  isStaff: true,
  emailVerified: true,
  membership: { select: { role: true, organization: { select: { id: true, name: true } } } },
} as const;

export async function findSessionUser(id: string) {
  if (!isUuid(id)) return null;
  return (await db()).user.findUnique({ where: { id }, select: sessionUserSelect });
}

/**
 * A verified account: a partner who owns a new organization, or staff (organizationName null),
 * created inside the caller's transaction. A row left from before addresses were confirmed
 * first (never verified, no password) is taken over rather than duplicated.
 */
export async function createAccountIn(
  tx: Prisma.TransactionClient,
  input: { email: string; name: string; passwordHash: string; organizationName: string | null },
) {
  const email = normalizeEmail(input.email);
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerified: true, membership: { select: { id: true } } } });
  if (existing?.emailVerified) throw emailTaken();
  const organization =
    input.organizationName !== null && !existing?.membership
      ? { membership: { create: { role: "OWNER" as const, organization: { create: { name: input.organizationName } } } } }
      : {};
  const data = { name: input.name, passwordHash: input.passwordHash, emailVerified: new Date(), isStaff: input.organizationName === null, ...organization };
  try {
    return existing
      ? await tx.user.update({ where: { id: existing.id }, data, select: { id: true, email: true } })
      : await tx.user.create({ data: { email, ...data }, select: { id: true, email: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Staff single sign-on: the identity provider has verified the address. An existing account
 * that was never verified becomes verified, and loses its password: whoever registered the
 * address before did not prove they own it.
 */
export async function upsertSsoStaffUser(input: { email: string; name: string }) {
  const email = normalizeEmail(input.email);
  const client = await db();
  await client.user.updateMany({ where: { email, emailVerified: null }, data: { emailVerified: new Date(), passwordHash: null } });
  return client.user.upsert({
    where: { email },
    create: { email, name: input.name, isStaff: true, emailVerified: new Date() },
    update: {},
    select: { id: true, isStaff: true, membership: { select: { id: true } } },
  });
}

/** Sets a new password and ends the user's sessions, but `keep` (the one that changed it, if any). */
export async function setPassword(userId: string, passwordHash: string, options: { keep?: string; reason?: string } = {}) {
  await (
    await db()
  ).$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endUserSessions(userId, options.reason ?? "password_changed", { keep: options.keep, tx });
  });
}

/**
 * Staff rights come from ADMIN_EMAILS: an address taken off the list loses them, and its
 * sessions end, at its next request. Audited. Returns false when nothing changed.
 */
export async function revokeStaffRights(user: { id: string; name: string; email: string }): Promise<boolean> {
  return (await db()).$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: user.id, isStaff: true }, data: { isStaff: false } });
    if (count === 0) return false;
    await endUserSessions(user.id, "staff_rights_removed", { tx });
    await recordAudit(tx, {
      actor: { role: "system" },
      action: "security.staff_rights_removed",
      summary: `${user.name} (${user.email}) lost platform admin rights: the address is no longer listed in ADMIN_EMAILS`,
      before: { isStaff: true },
      after: { isStaff: false },
    });
    return true;
  });
}

/** Grants staff rights to a verified account named in ADMIN_EMAILS that belongs to no organization. */
export async function promoteToStaff(userId: string) {
  await (
    await db()
  ).user.updateMany({
    where: { id: userId, isStaff: false, emailVerified: { not: null }, membership: { is: null } },
    data: { isStaff: true },
  });
}

/** Whether the account signs in with a password (staff SSO accounts have none); the hash is not read. */
export async function hasPassword(userId: string): Promise<boolean> {
  return (await (await db()).user.count({ where: { id: userId, passwordHash: { not: null } } })) === 1;
}

export async function renameUser(user: { id: string; name: string; email: string; isStaff: boolean }, name: string) {
  await (
    await db()
  ).$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { name }, select: { id: true } });
    await recordAudit(tx, {
      actor: { id: user.id, name, email: user.email, role: user.isStaff ? "admin" : "partner" },
      action: "account.renamed",
      summary: `${user.name} is now called ${name}`,
      before: { name: user.name },
      after: { name },
    });
  });
}

export async function getUserEmail(id: string): Promise<string | undefined> {
  return (await (await db()).user.findUnique({ where: { id }, select: { email: true } }))?.email;
}

/** Verified members of an organization: who hears about its registrations. */
export async function verifiedMemberAddresses(organizationId: string) {
  return (await db()).user.findMany({
    where: { emailVerified: { not: null }, membership: { organizationId } },
    select: { email: true, name: true },
  });
}

/** Verified owners of an organization: who hears about its security changes. */
export async function verifiedOwnerAddresses(organizationId: string) {
  return (await db()).user.findMany({
    where: { emailVerified: { not: null }, membership: { organizationId, role: "OWNER" } },
    select: { email: true, name: true },
  });
}

/** Verified platform staff: who hears about new submissions. */
export async function verifiedAdminAddresses() {
  return (await db()).user.findMany({ where: { isStaff: true, emailVerified: { not: null } }, select: { email: true, name: true } });
}
