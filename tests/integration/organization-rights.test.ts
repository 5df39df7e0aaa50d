// Rights inside an organization: more than one owner, the last owner can never leave, owners
// alone handle rotated secrets, and deleting an account keeps the record but not the person.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { secretRow } from "@/lib/db/credentials";
import { revealSecretOnce } from "@/lib/domain/credentials";
import { deleteAccount, leaveOrganization, listMembers, setMemberRole } from "@/lib/db/organizations";
import { createSession, findSession } from "@/lib/db/sessions";
import { findSessionUser } from "@/lib/db/users";
import { withTestDatabase } from "../support/db";
import { draftRegistration, organizationWithMember, type Org } from "./review-support";

withTestDatabase();

let counter = 0;

async function addMember(org: Org, role: "OWNER" | "MEMBER" = "MEMBER") {
  return (await db()).user.create({
    data: {
      email: `person-${++counter}@partner.example`,
      name: `Person ${counter}`,
      emailVerified: new Date(),
      membership: { create: { organizationId: org.id, role } },
    },
    select: { id: true, name: true, email: true },
  });
}

const roleOf = async (org: Org, userId: string) => (await listMembers(org.id)).find((m) => m.user.id === userId)?.role;

describe("owners", () => {
  it("make a member an owner, and then either can step down, but never the last one", async () => {
    const org = await organizationWithMember();
    const colleague = await addMember(org);
    expect(await setMemberRole(org.id, org.member, colleague.id, "OWNER")).toBe(true);
    expect(await roleOf(org, colleague.id)).toBe("OWNER");
    expect(await setMemberRole(org.id, org.member, org.member.id, "MEMBER")).toBe(true);
    await expect(setMemberRole(org.id, colleague, colleague.id, "MEMBER")).rejects.toMatchObject({ kind: "conflict", code: "last_owner" });
    expect(await roleOf(org, colleague.id)).toBe("OWNER");
    const audit = await (await db()).auditEvent.findMany({ where: { organizationId: org.id, action: "member.role_changed" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.after)).toEqual([{ role: "OWNER" }, { role: "MEMBER" }]);
  });

  it("cannot both step down at once when they are the last two", async () => {
    const org = await organizationWithMember();
    const second = await addMember(org, "OWNER");
    const results = await Promise.allSettled([setMemberRole(org.id, org.member, org.member.id, "MEMBER"), setMemberRole(org.id, second, second.id, "MEMBER")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(org.id)).filter((m) => m.role === "OWNER")).toHaveLength(1);
  });

  it("answer false for someone outside the organization", async () => {
    const org = await organizationWithMember();
    const other = await organizationWithMember();
    expect(await setMemberRole(org.id, org.member, other.member.id, "OWNER")).toBe(false);
    expect(await roleOf(other, other.member.id)).toBe("OWNER");
  });
});

describe("leaving", () => {
  it("is open to members, and to an owner who is not the last", async () => {
    const org = await organizationWithMember();
    const member = await addMember(org);
    await leaveOrganization(org.id, member);
    expect((await findSessionUser(member.id))?.membership).toBeNull();
    await expect(leaveOrganization(org.id, org.member)).resolves.toBeUndefined(); // alone: may leave
  });

  it("is refused to the last owner while others remain", async () => {
    const org = await organizationWithMember();
    await addMember(org);
    await expect(leaveOrganization(org.id, org.member)).rejects.toThrow("make another member an owner first");
    expect(await roleOf(org, org.member.id)).toBe("OWNER");
  });
});

describe("revealing a rotated secret", () => {
  it("is for owners only; the first secret after approval is for any member", async () => {
    const org = await organizationWithMember();
    const member = await addMember(org);
    const registrationId = await draftRegistration(org);
    const client = await db();
    await client.clientSecret.create({ data: { ...secretRow(registrationId, "first-secret-aaaa"), createdAt: new Date(Date.now() - 60_000) } });
    expect(await revealSecretOnce(org.id, registrationId, member, false)).toEqual({ status: "revealed", secret: "first-secret-aaaa" });

    await client.clientSecret.updateMany({ where: { registrationId }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    await client.clientSecret.create({ data: secretRow(registrationId, "rotated-secret-bbbb") });
    expect(await revealSecretOnce(org.id, registrationId, member, false)).toEqual({ status: "owners_only" });
    expect(await revealSecretOnce(org.id, registrationId, org.member, true)).toEqual({ status: "revealed", secret: "rotated-secret-bbbb" });
    expect(await revealSecretOnce(org.id, registrationId, org.member, true)).toEqual({ status: "already_revealed" });
  });
});

describe("deleting an account", () => {
  it("removes the person, ends their sessions, and keeps their name in the audit log", async () => {
    const org = await organizationWithMember();
    const member = await addMember(org);
    const session = await createSession(member.id, new Date(Date.now() + 3_600_000));
    await deleteAccount(member);
    const row = await (await db()).user.findUniqueOrThrow({ where: { id: member.id }, select: { email: true, name: true, emailVerified: true } });
    expect(row).toEqual({ email: `deleted-${member.id}@deleted.invalid`, name: "Deleted user", emailVerified: null });
    expect((await findSession(session))?.endedAt).toBeInstanceOf(Date);
    expect((await listMembers(org.id)).map((m) => m.user.id)).toEqual([org.member.id]);
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { action: "account.deleted", actorId: member.id } });
    expect(audit.actorName).toBe(member.name);
    expect(audit.summary).toContain(member.email);
  });

  it("is refused to the last owner of an organization with a live client", async () => {
    const org = await organizationWithMember();
    const registrationId = await draftRegistration(org);
    await (await db()).registration.update({ where: { id: registrationId }, data: { clientId: `live-${++counter}`, provisionedAt: new Date() } });
    await expect(deleteAccount(org.member)).rejects.toThrow(/last owner of an organization with 1 live client/);
    expect((await findSessionUser(org.member.id))?.email).toBe(org.member.email);
  });

  it("is refused to the last owner while other members remain", async () => {
    const org = await organizationWithMember();
    await addMember(org);
    await expect(deleteAccount(org.member)).rejects.toMatchObject({ kind: "conflict", code: "last_owner" });
  });

  it("lets a last owner with nothing live go, and an empty organization with them", async () => {
    const org = await organizationWithMember();
    await deleteAccount(org.member);
    expect(await (await db()).organization.count({ where: { id: org.id } })).toBe(0);

    const kept = await organizationWithMember();
    const registrationId = await draftRegistration(kept);
    await deleteAccount(kept.member);
    // Its registration (a record) keeps the organization.
    expect(await (await db()).registration.count({ where: { id: registrationId, organizationId: kept.id } })).toBe(1);
  });
});
