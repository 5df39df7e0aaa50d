import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashToken, newToken } from "@/lib/security/tokens";
import { recordAudit } from "./audit";
import { db } from "./index";
import { isUniqueViolation } from "./errors";
import { endUserSessions } from "./sessions";
import { DomainError } from "@/lib/errors";
import { emailTaken, normalizeEmail } from "./users";
import type { Person, Tx } from "./actors";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

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
    throw new DomainError("invalid", "This address already has a portal account. Each account belongs to one organization, so it cannot be invited.", {
      code: "email_refused",
    });
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
  const { count } = await (
    await db()
  ).invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

export type InvitationLookup = { status: "valid"; id: string; email: string; organizationName: string } | { status: "expired" | "used" | "invalid" };

export async function findInvitation(token: string): Promise<InvitationLookup> {
  const row = await (
    await db()
  ).invitation.findUnique({
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
    if (claimed.count !== 1)
      throw new DomainError("invalid", "This invitation is no longer valid. Ask the owner for a new one.", { code: "invalid_invitation" });
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
      if (isUniqueViolation(error)) throw emailTaken();
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

/** A change that would leave an organization without an owner, or similar: the message says why. */
const ownership = (message: string) => new DomainError("conflict", message, { code: "last_owner" });

/** Concurrent changes to one organization's owners take turns, so two last owners cannot both step down. */
async function lockOrganization(tx: Tx, organizationId: string) {
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
}

async function ownerCount(tx: Tx, organizationId: string) {
  return tx.membership.count({ where: { organizationId, role: "OWNER" } });
}

const LAST_OWNER = "An organization needs an owner: make another member an owner first.";

/**
 * Makes a member an owner, or an owner a member; never the last owner. Audited. Returns false
 * when the person is not a member of this organization.
 */
export async function setMemberRole(organizationId: string, actor: Person, userId: string, role: "OWNER" | "MEMBER"): Promise<boolean> {
  return (await db()).$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const membership = await tx.membership.findFirst({ where: { organizationId, userId }, select: { id: true, role: true, user: { select: { name: true } } } });
    if (!membership) return false;
    if (membership.role === role) return true;
    if (role === "MEMBER" && (await ownerCount(tx, organizationId)) <= 1) throw ownership(LAST_OWNER);
    await tx.membership.update({ where: { id: membership.id }, data: { role }, select: { id: true } });
    await recordAudit(tx, {
      actor: { ...actor, role: "partner" },
      action: "member.role_changed",
      summary: role === "OWNER" ? `${actor.name} made ${membership.user.name} an owner` : `${membership.user.name} is no longer an owner`,
      organizationId,
      before: { role: membership.role },
      after: { role },
    });
    return true;
  });
}

/** The person leaves the organization; the last owner cannot. Their account stays, without one. */
export async function leaveOrganization(organizationId: string, person: Person) {
  await (
    await db()
  ).$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    await leaveIn(tx, organizationId, person, "member.left", `${person.name} left the organization`);
  });
}

async function leaveIn(tx: Tx, organizationId: string, person: Person, action: string, summary: string) {
  const membership = await tx.membership.findFirst({ where: { organizationId, userId: person.id }, select: { id: true, role: true } });
  if (!membership) return;
  if (membership.role === "OWNER" && (await ownerCount(tx, organizationId)) <= 1) {
    const others = await tx.membership.count({ where: { organizationId, userId: { not: person.id } } });
    if (others > 0) throw ownership(LAST_OWNER);
  }
  await tx.membership.delete({ where: { id: membership.id }, select: { id: true } });
  await recordAudit(tx, { actor: { ...person, role: "partner" }, action, summary, organizationId });
}

/**
 * Deletes an account: the person leaves their organization and the row keeps nothing of them
 * (it stays, anonymised, because submitted registrations and reviews name it; audit rows keep
 * the name they recorded). Refused while they are the last owner of an organization with live
 * clients or other members. An organization left with no member and no registration goes too.
 */
export async function deleteAccount(person: Person) {
  await (
    await db()
  ).$transaction(async (tx) => {
    const membership = await tx.user.findUniqueOrThrow({ where: { id: person.id }, select: { membership: { select: { organizationId: true, role: true } } } });
    const organizationId = membership.membership?.organizationId;
    if (organizationId) {
      await lockOrganization(tx, organizationId);
      if (membership.membership?.role === "OWNER" && (await ownerCount(tx, organizationId)) <= 1) {
        const live = await tx.registration.count({ where: { organizationId, clientId: { not: null }, revokedAt: null } });
        if (live > 0) {
          throw ownership(
            `You are the last owner of an organization with ${live} live client${live === 1 ? "" : "s"}. Revoke ${live === 1 ? "it" : "them"}, or make another member an owner, before deleting your account.`,
          );
        }
      }
      await leaveIn(tx, organizationId, person, "member.left", `${person.name} left the organization by deleting their account`);
      const [members, registrations] = await Promise.all([
        tx.membership.count({ where: { organizationId } }),
        tx.registration.count({ where: { organizationId } }),
      ]);
      if (members === 0 && registrations === 0) await tx.organization.delete({ where: { id: organizationId }, select: { id: true } });
    }
    await endUserSessions(person.id, "account_deleted", { tx });
    await tx.authToken.deleteMany({ where: { userId: person.id } });
    await tx.user.update({
      where: { id: person.id },
      data: { email: `deleted-${person.id}@deleted.invalid`, name: "Deleted user", passwordHash: null, emailVerified: null, isStaff: false },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: { ...person, role: "partner" },
      action: "account.deleted",
      summary: `${person.name} (${person.email}) deleted their account`,
      organizationId: organizationId ?? null,
    });
  });
}

/** Housekeeping: invitations accepted, revoked or expired before `before`. */
export async function pruneInvitations(before: Date, client: Pick<Prisma.TransactionClient, "invitation">): Promise<number> {
  const { count } = await client.invitation.deleteMany({
    where: { OR: [{ acceptedAt: { lt: before } }, { revokedAt: { lt: before } }, { expiresAt: { lt: before } }] },
  });
  return count;
}
