import "server-only";
import { db } from "./index";
import { isUniqueViolation } from "./errors";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this e-mail address already exists.");
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The only query that reads a password hash; used by sign-in and nowhere else. */
export async function findUserForSignIn(email: string) {
  return (await db()).user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, passwordHash: true, emailVerified: true, isStaff: true, sessionVersion: true },
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
  sessionVersion: true,
  membership: { select: { role: true, organization: { select: { id: true, name: true } } } },
} as const;

export async function findSessionUser(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return (await db()).user.findUnique({ where: { id }, select: sessionUserSelect });
}

/** Sign-up: the user, their organization and their owner membership, all or nothing. */
export async function createPartnerAccount(input: {
  email: string;
  name: string;
  passwordHash: string;
  organizationName: string;
}) {
  try {
    return await (await db()).user.create({
      data: {
        email: normalizeEmail(input.email),
        name: input.name,
        passwordHash: input.passwordHash,
        membership: {
          create: { role: "OWNER", organization: { create: { name: input.organizationName } } },
        },
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/** A platform staff account: belongs to no organization. */
export async function createStaffAccount(input: { email: string; name: string; passwordHash: string | null }) {
  try {
    return await (await db()).user.create({
      data: { email: normalizeEmail(input.email), name: input.name, passwordHash: input.passwordHash, isStaff: true },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
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
    select: { id: true, isStaff: true, sessionVersion: true, membership: { select: { id: true } } },
  });
}

export async function markEmailVerified(userId: string) {
  await (await db()).user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: new Date() } });
}

/** Sets a new password and ends every existing session of the user. */
export async function setPassword(userId: string, passwordHash: string) {
  await (await db()).user.update({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}

/** Grants staff rights to a verified account named in ADMIN_EMAILS that belongs to no organization. */
export async function promoteToStaff(userId: string) {
  await (await db()).user.updateMany({
    where: { id: userId, isStaff: false, emailVerified: { not: null }, membership: { is: null } },
    data: { isStaff: true },
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

/** Verified platform staff: who hears about new submissions. */
export async function verifiedAdminAddresses() {
  return (await db()).user.findMany({ where: { isStaff: true, emailVerified: { not: null } }, select: { email: true, name: true } });
}
