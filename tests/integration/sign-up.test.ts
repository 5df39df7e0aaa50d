// Sign-up in two steps: the request holds only an address; the account is created by whoever
// follows the e-mailed link, with the name, organization and password they choose.
import { DomainError } from "@/lib/errors";
import { describe, expect, it, vi } from "vitest";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { SIGN_UP_MAILS_PER_ADDRESS, requestSignUp } from "@/lib/auth/sign-up";
import { db } from "@/lib/db";
import { completeSignUp, findSignUpRequest } from "@/lib/db/sign-ups";
import { findSessionUser } from "@/lib/db/users";
import { hashPassword } from "@/lib/security/password";
import { hashToken } from "@/lib/security/tokens";
import { withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";

withTestDatabase();
withTestEnv();
vi.spyOn(console, "log").mockImplementation(() => undefined);

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${++counter}-${Date.now()}@example.com`;

async function mailsTo(to: string) {
  return (await db()).mailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });
}

/** The token of the newest confirmation link mailed to `to`. */
async function newestLinkToken(to: string) {
  const links = (await mailsTo(to)).flatMap((m) => [...m.text.matchAll(/verify-email\?token=([\w%-]+)/g)].map((x) => decodeURIComponent(x[1]!)));
  return links.at(-1)!;
}

const partnerChoice = (name: string, organizationName: string, password: string) => async () => ({
  name,
  passwordHash: await hashPassword(password),
  organizationName: () => organizationName,
});

async function complete(token: string, choice: () => Promise<{ name: string; passwordHash: string; organizationName: () => string | null }>) {
  return completeSignUp(token, await choice());
}

describe("requesting a sign-up", () => {
  it("mails a link and creates no account until the link is followed", async () => {
    const email = uniqueEmail("new");
    await requestSignUp(email);
    expect(await (await db()).user.count({ where: { email } })).toBe(0);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Confirm your e-mail address");
    expect(await findSignUpRequest(await newestLinkToken(email))).toEqual({ status: "valid", email });
  });

  it("replaces the pending request: only the newest link works", async () => {
    const email = uniqueEmail("twice");
    await requestSignUp(email);
    const first = await newestLinkToken(email);
    await requestSignUp(email);
    const second = await newestLinkToken(email);
    expect(second).not.toBe(first);
    expect(await findSignUpRequest(first)).toEqual({ status: "used" });
    expect(await findSignUpRequest(second)).toEqual({ status: "valid", email });
  });

  it("tells the holder of an existing account instead, and creates no request", async () => {
    const email = uniqueEmail("holder");
    await requestSignUp(email);
    await complete(await newestLinkToken(email), partnerChoice("Hana Holder", "Holder Ltd", "holder-password-1"));
    await requestSignUp(email);
    const mails = await mailsTo(email);
    expect(mails.at(-1)?.subject).toBe("Someone tried to sign up with your address");
    expect(mails.at(-1)?.text).toContain("/forgot-password");
    expect(await (await db()).signUpRequest.count({ where: { email, usedAt: null } })).toBe(0);
  });

  it(`mails one address at most ${SIGN_UP_MAILS_PER_ADDRESS} times an hour`, async () => {
    const email = uniqueEmail("flood");
    for (let i = 0; i < SIGN_UP_MAILS_PER_ADDRESS + 3; i++) await requestSignUp(email);
    expect(await mailsTo(email)).toHaveLength(SIGN_UP_MAILS_PER_ADDRESS);
  });
});

describe("completing a sign-up", () => {
  it("creates the verified owner with the organization and password chosen on the link's page", async () => {
    const email = uniqueEmail("done");
    await requestSignUp(email);
    const user = await complete(await newestLinkToken(email), partnerChoice("Dana Done", "Done Payments", "done-password-1"));
    expect(await findSessionUser(user.id)).toMatchObject({ email, name: "Dana Done", membership: { role: "OWNER", organization: { name: "Done Payments" } } });
    expect((await findSessionUser(user.id))?.emailVerified).toBeInstanceOf(Date);
    expect(await checkPasswordSignIn(email, "done-password-1", undefined)).toMatchObject({ outcome: "ok" });
  });

  it("makes a staff account without organization when the caller says so", async () => {
    const email = uniqueEmail("staff");
    await requestSignUp(email);
    const user = await completeSignUp(await newestLinkToken(email), {
      name: "Sam Staff",
      passwordHash: await hashPassword("staff-password-1"),
      organizationName: () => null,
    });
    expect(await findSessionUser(user.id)).toMatchObject({ isStaff: true, membership: null });
  });

  it("works once, even for concurrent requests, and not after it expires", async () => {
    const email = uniqueEmail("once");
    await requestSignUp(email);
    const token = await newestLinkToken(email);
    const choice = await partnerChoice("Olly Once", "Once Ltd", "once-password-1")();
    const results = await Promise.allSettled([1, 2, 3].map(() => completeSignUp(token, choice)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/^(expired|used|invalid)$/) });
    expect(await (await db()).organization.count({ where: { name: "Once Ltd" } })).toBe(1);

    const late = uniqueEmail("late");
    await requestSignUp(late);
    const lateToken = await newestLinkToken(late);
    await (await db()).signUpRequest.update({ where: { tokenHash: hashToken(lateToken) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(complete(lateToken, partnerChoice("L", "Late Ltd", "late-password-1"))).rejects.toMatchObject({ code: "expired" });
    expect(await (await db()).user.count({ where: { email: late } })).toBe(0);
  });

  it("refuses an address that got an account meanwhile, and changes nothing", async () => {
    const email = uniqueEmail("race");
    await requestSignUp(email);
    const early = await newestLinkToken(email);
    // A second request (kept apart from the first, as if sent before the first was replaced).
    await (await db()).signUpRequest.updateMany({ where: { email }, data: { usedAt: null } });
    await complete(early, partnerChoice("First", "First Ltd", "first-password-1"));
    await requestSignUp(email); // mails the holder, creates no request
    await expect(complete(early, partnerChoice("Second", "Second Ltd", "second-password"))).rejects.toMatchObject({
      code: expect.stringMatching(/^(expired|used|invalid)$/),
    });
  });
});

// Pen-test finding: an attacker signed up with the victim's address and their own password;
// when the victim followed the confirmation mail, the account was verified with the
// attacker's password, and the attacker was in the victim's organization.
describe("account pre-hijacking", () => {
  it("gives the account to the person who follows the link, whichever link they follow", async () => {
    for (const victimAlsoSignsUp of [false, true]) {
      const victim = uniqueEmail(`victim-${victimAlsoSignsUp}`);
      await requestSignUp(victim); // the attacker: all they can give is the address
      if (victimAlsoSignsUp) await requestSignUp(victim); // the victim: the same answer, no "already exists"
      const orgName = `Victim Corp ${counter}`;
      const user = await complete(await newestLinkToken(victim), partnerChoice("Vic Victim", orgName, "the-victims-own-password"));

      expect(await findSessionUser(user.id)).toMatchObject({ email: victim, name: "Vic Victim", membership: { organization: { name: orgName } } });
      expect(await checkPasswordSignIn(victim, "the-victims-own-password", undefined)).toMatchObject({ outcome: "ok" });
      // Nothing the attacker sent or could have chosen opens the account.
      expect(await checkPasswordSignIn(victim, "attackers-password", undefined)).toEqual({ outcome: "invalid_credentials" });
      expect(await (await db()).membership.count({ where: { organization: { name: orgName } } })).toBe(1);
    }
  });

  it("an old confirmation link cannot be used after the victim completed sign-up", async () => {
    const victim = uniqueEmail("victim-old-link");
    await requestSignUp(victim);
    const attackersCopy = await newestLinkToken(victim);
    await (await db()).signUpRequest.updateMany({ where: { email: victim }, data: { usedAt: null } });
    await requestSignUp(victim);
    await complete(await newestLinkToken(victim), partnerChoice("Vic", "Victim Two", "the-victims-own-password"));
    await expect(complete(attackersCopy, partnerChoice("Mallory", "Evil", "attackers-password"))).rejects.toSatisfy(
      (e) => e instanceof DomainError && ["expired", "used", "invalid", "email_taken"].includes(e.code ?? ""),
    );
    expect(await checkPasswordSignIn(victim, "attackers-password", undefined)).toEqual({ outcome: "invalid_credentials" });
  });
});
