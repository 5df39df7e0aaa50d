import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findSessionUser, findUserForSignIn, promoteToStaff, setPassword, upsertSsoStaffUser } from "@/lib/db/users";
import { createSession, findSession } from "@/lib/db/sessions";
import { createAccount } from "../support/accounts";
import { withTestDatabase } from "../support/db";

withTestDatabase();

let counter = 0;
const uniqueEmail = (prefix = "user") => `${prefix}-${++counter}@example.com`;

async function partner(email = uniqueEmail(), organizationName = "Example Client Ltd") {
  return createAccount({ email, name: "Pat", passwordHash: "scrypt$hash", organizationName });
}

/** An account as sign-up made them before addresses had to be confirmed first. */
async function legacyUnverified(email = uniqueEmail("legacy"), isStaff = false) {
  return (await db()).user.create({ data: { email, name: "Legacy", passwordHash: null, isStaff }, select: { id: true } });
}

const verify = async (id: string) => (await db()).user.update({ where: { id }, data: { emailVerified: new Date() } });

describe("createAccountIn (a completed sign-up)", () => {
  it("creates the verified user, the organization and the OWNER membership together", async () => {
    const created = await partner("  Pat.Owner@Example.COM ", "Acme Payments");
    expect(created.email).toBe("pat.owner@example.com");
    const row = await (
      await db()
    ).user.findUniqueOrThrow({
      where: { id: created.id },
      select: { emailVerified: true, isStaff: true, membership: { select: { role: true, organization: true } } },
    });
    expect(row.emailVerified).toBeInstanceOf(Date);
    expect(row.isStaff).toBe(false);
    expect(row.membership?.role).toBe("OWNER");
    expect(row.membership?.organization.name).toBe("Acme Payments");
  });

  it("refuses a taken address, whatever its case, and leaves no organization behind", async () => {
    const email = uniqueEmail("taken");
    await partner(email);
    const client = await db();
    const organizations = await client.organization.count();
    const users = await client.user.count();
    await expect(partner(email.toUpperCase(), "Duplicate Org")).rejects.toMatchObject({ code: "email_taken" });
    await expect(partner(email, "Duplicate Org")).rejects.toMatchObject({ code: "email_taken" });
    expect(await client.organization.count()).toBe(organizations);
    expect(await client.organization.count({ where: { name: "Duplicate Org" } })).toBe(0);
    expect(await client.user.count()).toBe(users);
  });

  it("creates staff accounts without an organization", async () => {
    const { id } = await createAccount({ email: uniqueEmail("staff"), name: "Sam", passwordHash: "scrypt$s", organizationName: null });
    expect(await findSessionUser(id)).toMatchObject({ isStaff: true, membership: null });
  });

  it("takes over a never-verified row from before, with what the confirmed person chose", async () => {
    const email = uniqueEmail("takeover");
    const { id } = await legacyUnverified(email);
    const created = await partner(email, "Chosen Org");
    expect(created.id).toBe(id);
    const row = await findUserForSignIn(email);
    expect(row).toMatchObject({ id, passwordHash: "scrypt$hash" });
    expect((await findSessionUser(id))?.membership?.organization.name).toBe("Chosen Org");
  });
});

describe("password hashes stay in the data layer", () => {
  it("are left out of default queries and findSessionUser", async () => {
    const { id } = await partner();
    const session = await findSessionUser(id);
    expect(session).not.toBeNull();
    expect(session).not.toHaveProperty("passwordHash");
    const any = await (await db()).user.findFirst({ where: { id } });
    expect(any).not.toBeNull();
    expect(any).not.toHaveProperty("passwordHash");
    expect(any).toHaveProperty("email");
  });

  it("are read by findUserForSignIn (normalising the address)", async () => {
    const email = uniqueEmail("signin");
    const { id } = await partner(email);
    const row = await findUserForSignIn(` ${email.toUpperCase()} `);
    expect(row).toMatchObject({ id, email, passwordHash: "scrypt$hash" });
    expect(await findUserForSignIn(uniqueEmail("nobody"))).toBeNull();
  });

  it("findSessionUser ignores ids that are not UUIDs", async () => {
    expect(await findSessionUser("' OR 1=1 --")).toBeNull();
    expect(await findSessionUser("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("setPassword", () => {
  it("stores the new hash and ends existing sessions, but the one that changed it", async () => {
    const { id, email } = await partner();
    const later = new Date(Date.now() + 3_600_000);
    const [a, b, current] = [await createSession(id, later), await createSession(id, later), await createSession(id, later)];
    await setPassword(id, "scrypt$new", { keep: current });
    expect((await findUserForSignIn(email))?.passwordHash).toBe("scrypt$new");
    expect(await findSession(a)).toMatchObject({ endedAt: expect.any(Date) });
    expect(await findSession(b)).toMatchObject({ endedAt: expect.any(Date) });
    expect((await findSession(current))?.endedAt).toBeNull();
    await setPassword(id, "scrypt$newer");
    expect((await findSession(current))?.endedAt).toBeInstanceOf(Date);
  });
});

describe("promoteToStaff", () => {
  it("promotes a verified account without organization", async () => {
    const { id } = await createAccount({ email: uniqueEmail("s"), name: "S", passwordHash: "scrypt$s", organizationName: null });
    const client = await db();
    await client.user.update({ where: { id }, data: { isStaff: false } });
    await promoteToStaff(id);
    expect((await findSessionUser(id))?.isStaff).toBe(true);
  });

  it("leaves unverified accounts and organization members alone", async () => {
    const { id: unverified } = await legacyUnverified();
    await promoteToStaff(unverified);
    expect((await findSessionUser(unverified))?.isStaff).toBe(false);

    const { id: member } = await partner();
    await verify(member);
    await promoteToStaff(member);
    expect((await findSessionUser(member))?.isStaff).toBe(false);
  });
});

describe("upsertSsoStaffUser", () => {
  it("creates a verified staff account without organization, then finds the same one", async () => {
    const email = uniqueEmail("sso");
    const first = await upsertSsoStaffUser({ email: email.toUpperCase(), name: "Ada" });
    expect(first).toMatchObject({ isStaff: true, membership: null });
    const session = await findSessionUser(first.id);
    expect(session?.email).toBe(email);
    expect(session?.emailVerified).toBeInstanceOf(Date);
    const second = await upsertSsoStaffUser({ email, name: "Someone else" });
    expect(second.id).toBe(first.id);
    expect((await findSessionUser(first.id))?.name).toBe("Ada");
  });

  it("never turns an existing partner account into staff", async () => {
    const email = uniqueEmail("partner-sso");
    const { id } = await partner(email);
    const result = await upsertSsoStaffUser({ email, name: "Pat" });
    expect(result.id).toBe(id);
    expect(result.isStaff).toBe(false);
    expect(result.membership).not.toBeNull();
  });
});
