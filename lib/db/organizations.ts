import "server-only";
import { hashToken, newToken } from "@/lib/security/tokens";
import { db } from "./index";
import { isUniqueViolation } from "./errors";
import { endUserSessions } from "./sessions";
import { EmailTakenError, normalizeEmail } from "./users";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export class DomainError extends Error {}

// Every query below names the organization in its where clause: callers pass the
// organization of the signed-in member, so another organization's rows are never reached.

export async function listMembers(organizationId: string) {
  return (await db()).membership.findMany({
    where: { organizationId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

export async function listPendingInvitations(organizationId: string) {
  return (await db()).invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
  });
}

/** Creates an invitation and returns the token for the link (only its hash is stored). */
export async function createInvitation(organizationId: string, invitedById: string, rawEmail: string) {
  const email = normalizeEmail(rawEmail);
  const client = await db();
  const existing = await client.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new DomainError(
      "This address already has a portal account. Each account belongs to one organization, so it cannot be invited.",
    );
  }
  const { token, hash } = newToken();
  await client.$transaction([
    // A new invitation replaces any earlier pending one for the same address.
    client.invitation.updateMany({
      where: { organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    client.invitation.create({
      data: { organizationId, email, invitedById, tokenHash: hash, expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS) },
    }),
  ]);
  return { token, email };
}

export async function revokeInvitation(organizationId: string, invitationId: string): Promise<boolean> {
  const { count } = await (await db()).invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

export type InvitationLookup =
  | { status: "valid"; id: string; email: string; organizationName: string }
  | { status: "expired" | "used" | "invalid" };

export async function findInvitation(token: string): Promise<InvitationLookup> {
  const row = await (await db()).invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, expiresAt: true, acceptedAt: true, revokedAt: true, organization: { select: { name: true } } },
  });
  if (!row || row.revokedAt) return { status: "invalid" };
  if (row.acceptedAt) return { status: "used" };
  if (row.expiresAt <= new Date()) return { status: "expired" };
  return { status: "valid", id: row.id, email: row.email, organizationName: row.organization.name };
}

/**
 * Accepting creates the invitee's account as a member. Following the e-mailed link proves the
 * address, so the account starts verified.
 */
export async function acceptInvitation(token: string, input: { name: string; passwordHash: string }) {
  const client = await db();
  return client.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: hashToken(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new DomainError("This invitation is no longer valid. Ask the owner for a new one.");
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { email: true, organizationId: true },
    });
    try {
      return await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          passwordHash: input.passwordHash,
          emailVerified: new Date(),
          membership: { create: { role: "MEMBER", organizationId: invitation.organizationId } },
        },
        select: { id: true, email: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  });
}

/**
 * Removes a member (never an owner) and ends their sessions. Returns false when no such
 * member exists in this organization.
 */
export async function removeMember(organizationId: string, userId: string): Promise<boolean> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const { count } = await tx.membership.deleteMany({ where: { organizationId, userId, role: "MEMBER" } });
    if (count !== 1) return false;
    await endUserSessions(userId, "removed_from_organization", { tx });
    return true;
  });
}

export async function listOrganizationsForAdmin() {
  return (await db()).organization.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, _count: { select: { memberships: true } } },
  });
}

export async function countInvitationsSince(organizationId: string, since: Date) {
  return (await db()).invitation.count({ where: { organizationId, createdAt: { gt: since } } });
}
