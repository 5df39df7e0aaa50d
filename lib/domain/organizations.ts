import "server-only";
import type { MemberUser } from "@/lib/auth/guards";
import * as store from "@/lib/db/organizations";
import { DomainError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { invitationMail } from "@/lib/mail/templates";

// The organization aggregate's operations for its members and owners: invitations, members,
// roles, leaving. The server actions (lib/auth/account-*.ts) call these; the rows and the rule
// that an organization always keeps an owner are in lib/db/organizations.ts.

const INVITES_PER_DAY = 50;
const NOT_A_MEMBER = "That person is not a member of your organization (any more).";

export async function inviteMember(owner: MemberUser, email: string) {
  const org = owner.membership.organization;
  if ((await store.countInvitationsSince(org.id, new Date(Date.now() - 86_400_000))) >= INVITES_PER_DAY) {
    throw new DomainError("invalid", `Your organization has sent ${INVITES_PER_DAY} invitations today. Try again tomorrow.`);
  }
  try {
    const invite = await store.createInvitation(org.id, owner.id, email);
    await sendMail(invitationMail(invite.email, owner.name, org.name, invite.token));
  } catch (error) {
    if (error instanceof DomainError && error.code === "email_refused") {
      throw new DomainError("invalid", "Some fields need your attention.", { fieldErrors: { email: [error.message] } });
    }
    throw error;
  }
}

/** The invited person's new account; refused when the link no longer works or the address has one. */
export async function acceptInvitation(token: string, account: { name: string; passwordHash: string }) {
  try {
    return await store.acceptInvitation(token, account);
  } catch (error) {
    if (error instanceof DomainError && error.code === "email_taken") throw new DomainError("invalid", "This address already has an account. Sign in instead.");
    throw error;
  }
}

export async function revokeInvitation(owner: MemberUser, invitationId: string) {
  if (!(await store.revokeInvitation(owner.membership.organization.id, invitationId))) {
    throw new DomainError("invalid", "That invitation was already accepted, revoked or has expired.");
  }
}

export async function removeMember(owner: MemberUser, userId: string) {
  if (userId === owner.id) throw new DomainError("invalid", "You cannot remove yourself: you are the owner.");
  if (!(await store.removeMember(owner.membership.organization.id, userId))) throw new DomainError("invalid", NOT_A_MEMBER);
}

/** Owners make members owners, and step down themselves; nobody demotes another owner. */
export async function setMemberRole(owner: MemberUser, userId: string, role: "OWNER" | "MEMBER") {
  if (role === "MEMBER" && userId !== owner.id) {
    throw new DomainError("invalid", "Owners step down themselves: ask them to.", { code: "owners_step_down_themselves" });
  }
  if (!(await store.setMemberRole(owner.membership.organization.id, owner, userId, role))) throw new DomainError("invalid", NOT_A_MEMBER);
}

export async function leaveOrganization(member: MemberUser) {
  await store.leaveOrganization(member.membership.organization.id, member);
}
