import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { db } from "@/lib/db";
import {
  INVITATION_LIFETIME_MS,
  acceptInvitation,
  createInvitation,
  findInvitation,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from "@/lib/db/organizations";
import { createSession, findSession } from "@/lib/db/sessions";
import { findSessionUser, findUserForSignIn } from "@/lib/db/users";
import { createPartnerAccount } from "../support/accounts";
import { hashToken } from "@/lib/security/tokens";
import { withTestDatabase } from "../support/db";

withTestDatabase();

let counter = 0;
const nextEmail = (prefix = "person") => `${prefix}-${++counter}@example.com`;

/** A new organization with its owner. */
async function organization(name = `Org ${++counter}`) {
  const owner = await createPartnerAccount({ email: nextEmail("owner"), name: "Owner", passwordHash: "h", organizationName: name });
  const session = await findSessionUser(owner.id);
  return { ownerId: owner.id, orgId: session!.membership!.organization.id, name };
}

async function memberOf(org: { orgId: string; ownerId: string }) {
  const { token } = await createInvitation(org.orgId, org.ownerId, nextEmail("member"));
  return acceptInvitation(token, { name: "Member", passwordHash: "scrypt$member" });
}

describe("invitations", () => {
  it("are found by token and, once accepted, create a verified MEMBER of that organization", async () => {
    const org = await organization("Acme Payments");
    const other = await organization();
    const { token, email } = await createInvitation(org.orgId, org.ownerId, "  New.Person@Example.COM ");
    expect(email).toBe("new.person@example.com");
    const found = await findInvitation(token);
    expect(found).toMatchObject({ status: "valid", email, organizationName: "Acme Payments" });

    const user = await acceptInvitation(token, { name: "New Person", passwordHash: "scrypt$x" });
    expect(user.email).toBe(email);
    const session = await findSessionUser(user.id);
    expect(session?.emailVerified).toBeInstanceOf(Date);
    expect(session?.isStaff).toBe(false);
    expect(session?.membership).toEqual({ role: "MEMBER", organization: { id: org.orgId, name: "Acme Payments" } });
    expect(session?.membership?.organization.id).not.toBe(other.orgId);
    expect((await findUserForSignIn(email))?.passwordHash).toBe("scrypt$x");
    expect(await findInvitation(token)).toEqual({ status: "used" });
  });

  it("store only the token's hash and expire after 7 days", async () => {
    const org = await organization();
    const { token } = await createInvitation(org.orgId, org.ownerId, nextEmail());
    const row = await (await db()).invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - INVITATION_LIFETIME_MS)).toBeLessThan(10_000);
    await (await db()).invitation.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findInvitation(token)).toEqual({ status: "expired" });
    await expect(acceptInvitation(token, { name: "Late", passwordHash: "h" })).rejects.toBeInstanceOf(DomainError);
    expect(await findInvitation("no-such-token")).toEqual({ status: "invalid" });
  });

  it("cannot be accepted twice", async () => {
    const org = await organization();
    const { token, email } = await createInvitation(org.orgId, org.ownerId, nextEmail());
    await acceptInvitation(token, { name: "First", passwordHash: "h1" });
    await expect(acceptInvitation(token, { name: "Second", passwordHash: "h2" })).rejects.toBeInstanceOf(DomainError);
    expect(await (await db()).user.count({ where: { email } })).toBe(1);
    expect((await findUserForSignIn(email))?.passwordHash).toBe("h1");
  });

  it("are refused for an address that already has an account", async () => {
    const org = await organization();
    const existing = await organization();
    const ownerEmail = (await findSessionUser(existing.ownerId))!.email;
    await expect(createInvitation(org.orgId, org.ownerId, ownerEmail.toUpperCase())).rejects.toBeInstanceOf(DomainError);
    expect(await (await db()).invitation.count({ where: { email: ownerEmail } })).toBe(0);
  });

  it("replace an earlier pending invitation to the same address", async () => {
    const org = await organization();
    const email = nextEmail();
    const first = await createInvitation(org.orgId, org.ownerId, email);
    const second = await createInvitation(org.orgId, org.ownerId, email);
    expect(await findInvitation(first.token)).toEqual({ status: "invalid" });
    expect((await findInvitation(second.token)).status).toBe("valid");
    expect((await listPendingInvitations(org.orgId)).map((i) => i.email)).toEqual([email]);
  });

  it("are revoked only through their own organization", async () => {
    const org = await organization();
    const other = await organization();
    const { token } = await createInvitation(org.orgId, org.ownerId, nextEmail());
    const [pending] = await listPendingInvitations(org.orgId);
    expect(await revokeInvitation(other.orgId, pending!.id)).toBe(false);
    expect((await findInvitation(token)).status).toBe("valid");
    expect(await listPendingInvitations(org.orgId)).toHaveLength(1);

    expect(await revokeInvitation(org.orgId, pending!.id)).toBe(true);
    expect(await findInvitation(token)).toEqual({ status: "invalid" });
    expect(await revokeInvitation(org.orgId, pending!.id)).toBe(false);
    await expect(acceptInvitation(token, { name: "Too late", passwordHash: "h" })).rejects.toBeInstanceOf(DomainError);
  });
});

describe("listing", () => {
  it("returns only the given organization's members and pending invitations", async () => {
    const org = await organization();
    const other = await organization();
    const member = await memberOf(org);
    await memberOf(other);
    const invited = nextEmail("pending");
    await createInvitation(org.orgId, org.ownerId, invited);
    await createInvitation(other.orgId, other.ownerId, nextEmail("elsewhere"));

    const members = await listMembers(org.orgId);
    expect(members.map((m) => [m.role, m.user.id])).toEqual([
      ["OWNER", org.ownerId],
      ["MEMBER", member.id],
    ]);
    const pending = await listPendingInvitations(org.orgId);
    expect(pending.map((i) => i.email)).toEqual([invited]);
    expect(pending[0]!.invitedBy.name).toBe("Owner");
  });
});

describe("removeMember", () => {
  it("removes a MEMBER and ends their sessions", async () => {
    const org = await organization();
    const member = await memberOf(org);
    const session = await createSession(member.id, new Date(Date.now() + 3_600_000));
    expect(await removeMember(org.orgId, member.id)).toBe(true);
    const after = await findSessionUser(member.id);
    expect(after?.membership).toBeNull();
    expect((await findSession(session))?.endedAt).toBeInstanceOf(Date);
    expect((await listMembers(org.orgId)).map((m) => m.user.id)).toEqual([org.ownerId]);
    expect(await removeMember(org.orgId, member.id)).toBe(false);
  });

  it("refuses to remove the OWNER", async () => {
    const org = await organization();
    const session = await createSession(org.ownerId, new Date(Date.now() + 3_600_000));
    expect(await removeMember(org.orgId, org.ownerId)).toBe(false);
    const owner = await findSessionUser(org.ownerId);
    expect(owner?.membership?.role).toBe("OWNER");
    expect((await findSession(session))?.endedAt).toBeNull();
  });

  it("refuses a member of another organization", async () => {
    const org = await organization();
    const other = await organization();
    const stranger = await memberOf(other);
    const session = await createSession(stranger.id, new Date(Date.now() + 3_600_000));
    expect(await removeMember(org.orgId, stranger.id)).toBe(false);
    const after = await findSessionUser(stranger.id);
    expect(after?.membership?.organization.id).toBe(other.orgId);
    expect((await findSession(session))?.endedAt).toBeNull();
  });
});
