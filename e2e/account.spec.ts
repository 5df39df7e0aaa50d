// The account page (/account) and the team's roles, as partners use them.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { anonymousContext, expectAccessible, formAlert, linkFromOutbox, signIn, signUpVerified, uniqueEmail } from "./support/accounts";

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await anonymousContext(browser)).newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/registrations$/);
  return page;
}

async function newOwner(browser: Browser, prefix: string) {
  const email = uniqueEmail(prefix);
  const password = `${prefix}-password-1`;
  const org = `${prefix[0]!.toUpperCase()}${prefix.slice(1)} Org ${Date.now().toString(36)}`;
  await signUpVerified(browser, { name: `${prefix} owner`, org, email, password });
  return { email, password, org };
}

test("the account page renames, changes the password (ending other sessions, mailed), and signs out everywhere", async ({ browser }) => {
  const owner = await newOwner(browser, "account");
  const page = await signedIn(browser, owner.email, owner.password);
  const elsewhere = await signedIn(browser, owner.email, owner.password);

  await page.getByRole("banner").locator("summary").click();
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "This browser" })).toHaveCount(1);
  // Sign-up signed in once too (its browser is gone, its session is not): three in all.
  await expect(page.getByRole("listitem")).toHaveCount(3);
  await expectAccessible(page);

  await page.getByLabel("Your name").fill("Renamed Person");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name was saved.").first()).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Renamed Person");

  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(owner.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed. Your other sessions were signed out.")).toBeVisible();
  expect(await linkFromOutbox(browser, owner.email, /Your password was changed/)).toMatch(/\/forgot-password$/);

  // The other browser was signed out; this one was not.
  await elsewhere.goto("/registrations");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await page.reload();
  await expect(page.getByRole("listitem")).toHaveCount(1);

  const third = await signedIn(browser, owner.email, "a-brand-new-password");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await third.goto("/registrations");
  await expect(third).toHaveURL(/\/sign-in/);
  expect(await linkFromOutbox(browser, owner.email, /You were signed out everywhere/)).toMatch(/\/forgot-password$/);
});

test("owners share the team: make an owner, step down, leave; the last owner cannot go", async ({ browser }) => {
  const owner = await newOwner(browser, "roles");
  const page = await signedIn(browser, owner.email, owner.password);

  const colleagueEmail = uniqueEmail("colleague");
  await page.getByRole("link", { name: "Team" }).click();
  await page.getByLabel("Colleague's e-mail").fill(colleagueEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("cell", { name: colleagueEmail, exact: true })).toBeVisible();
  const colleague = await (await anonymousContext(browser)).newPage();
  await colleague.goto(await linkFromOutbox(browser, colleagueEmail, /invited you to join the organization/));
  await colleague.getByLabel("Your name").fill("Cora Colleague");
  await colleague.getByLabel("Choose a password").fill("colleague-password-1");
  await colleague.getByRole("button", { name: "Join the organization" }).click();
  await expect(colleague).toHaveURL(/\/registrations\?welcome=1/);

  // The only owner can neither step down nor leave.
  await page.reload();
  await expect(page.getByRole("button", { name: "Step down to member" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Leave / })).toHaveCount(0);

  await page.getByRole("button", { name: "Make owner: Cora Colleague" }).click();
  await page.getByRole("button", { name: "Confirm: make Cora Colleague an owner" }).click();
  await expect(page.getByText("They are now an owner.").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Step down to member" }).click();
  await page.getByRole("button", { name: "Confirm: step down to member" }).click();
  await expect(page.getByText("You are now a member").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite" })).toHaveCount(0);

  // Cora is the last owner now: her account cannot be deleted while the team exists.
  await colleague.goto("/account");
  await colleague.getByLabel("Your password, to confirm").fill("colleague-password-1");
  await colleague.getByRole("button", { name: "Delete my account" }).click();
  await expect(formAlert(colleague)).toContainText("An organization needs an owner");

  // The first owner, now a member, leaves.
  await page.getByRole("button", { name: /^Leave / }).click();
  await page.getByRole("button", { name: /^Confirm: leave / }).click();
  await expect(page).toHaveURL(/\/no-organization/);
});

test("deleting an account signs the person out for good and frees nothing else", async ({ browser }) => {
  const owner = await newOwner(browser, "leaver");
  const page = await signedIn(browser, owner.email, owner.password);
  await page.goto("/account");
  await page.getByLabel("Your password, to confirm").fill("wrong-password-here");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Your password, to confirm").fill(owner.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1/);
  await expect(page.getByText("Your account was deleted.")).toBeVisible();
  await signIn(page, owner.email, owner.password);
  await expect(formAlert(page)).toContainText("do not match");
});
