// Pen-test findings on accounts, replayed as the attacker did them, in a real browser.
import { expect, test, type Page } from "@playwright/test";
import {
  PARTNER,
  anonymousContext,
  completeSignUp,
  expectAccessible,
  formAlert,
  linkFromOutbox,
  signIn,
  signUpVerified,
  uniqueEmail,
} from "./support/accounts";

/** Fills in whatever the sign-up form asks for and sends it. */
async function signUpWith(page: Page, email: string, extra: { name: string; org: string; password: string }) {
  await page.goto("/sign-up");
  for (const [label, value] of [
    ["Your name", extra.name],
    ["Company name", extra.org],
    ["Password", extra.password],
  ] as const) {
    const field = page.getByLabel(label, { exact: true });
    if (await field.count()) await field.fill(value);
  }
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByRole("button", { name: /^(Continue|Create account)$/ }).click();
}

test("account pre-hijacking: signing up with someone else's address gives the attacker nothing", async ({ browser }) => {
  const victimEmail = uniqueEmail("victim");
  const attacker = await anonymousContext(browser);
  const victim = await anonymousContext(browser);
  const attackerPage = await attacker.newPage();
  const victimPage = await victim.newPage();
  const attackerPassword = "attackers-own-password";

  // 1. The attacker signs up first with the victim's address (and a password, if asked).
  await signUpWith(attackerPage, victimEmail, { name: "Mallory", org: "Mallory Ltd", password: attackerPassword });
  await expect(attackerPage.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  // 2. The victim can still sign up: the same answer, never "already exists".
  await signUpWith(victimPage, victimEmail, { name: "Vic Victim", org: "Victim Corp", password: "the-victims-password" });
  await expect(victimPage.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  // 3. The victim follows the confirmation mail and chooses everything about the account.
  await completeSignUp(victimPage, await linkFromOutbox(browser, victimEmail, /Confirm your e-mail/), {
    name: "Vic Victim",
    org: "Victim Corp",
    password: "the-victims-password",
  });
  await expect(victimPage.getByText("OAuth clients registered by Victim Corp")).toBeVisible();

  // 4. The attacker's password opens nothing, and the victim's team is the victim alone.
  await signIn(attackerPage, victimEmail, attackerPassword);
  await expect(formAlert(attackerPage)).toContainText("do not match");
  await expect(attackerPage).toHaveURL(/\/sign-in/);
  await victimPage.getByRole("link", { name: "Team" }).click();
  await expect(victimPage.getByRole("row")).toHaveCount(2); // the header and the victim
  await expect(victimPage.getByRole("cell", { name: victimEmail })).toBeVisible();

  await attacker.close();
  await victim.close();
});

test("sign-up does not tell who has an account; the holder gets a mail instead", async ({ browser }) => {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await signUpWith(page, PARTNER.email, { name: "Prober", org: "Probe Ltd", password: "probe-password-1" });
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText("already exists")).toHaveCount(0);
  const link = await linkFromOutbox(browser, PARTNER.email, /Someone tried to sign up with your address/);
  expect(link).toMatch(/\/sign-in$/);
  await context.close();
});

test("the check-email page shows only the address this browser signed up with", async ({ browser }) => {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await page.goto(`/check-email?email=${encodeURIComponent("Your account is locked: call +1 555 0100")}`);
  await expect(page.getByText("call +1 555 0100")).toHaveCount(0);
  await expect(page.getByText("We sent a link to the address you entered.")).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail("cookie");
  await signUpWith(page, email, { name: "C", org: "C Ltd", password: "c-password-123" });
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.goto(`/check-email?email=${encodeURIComponent("someone-else@example.com")}`);
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("someone-else@example.com")).toHaveCount(0);
  await context.close();
});

// Pen-test finding: a copy of the session cookie taken before sign-out still worked for 7 days.
test("signing out ends the session on the server: a copy of its cookie stops working", async ({ browser }) => {
  const email = uniqueEmail("signout");
  const password = "sign-out-password-1";
  await signUpVerified(browser, { name: "Sid Session", org: "Session Ltd", email, password });
  const own = await anonymousContext(browser);
  const page = await own.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/registrations$/);

  const thief = await anonymousContext(browser);
  await thief.addCookies(await own.cookies());
  const stolen = await thief.newPage();
  await stolen.goto("/registrations");
  await expect(stolen.getByText("OAuth clients registered by Session Ltd")).toBeVisible();

  await page.getByRole("banner").locator("summary").click(); // the account menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);

  await stolen.goto("/registrations");
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Fregistrations/);
  await own.close();
  await thief.close();
});
