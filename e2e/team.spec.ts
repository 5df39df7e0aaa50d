import { expect, test } from "@playwright/test";
import { PARTNER_STATE, anonymousContext, expectAccessible, linkFromOutbox, uniqueEmail } from "./support/accounts";

test.use({ storageState: PARTNER_STATE });

test("an owner invites a colleague by e-mail, who joins, and then removes them", async ({ page, browser }) => {
  const email = uniqueEmail("colleague");
  await page.goto("/registrations");
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Colleague's e-mail").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

  const link = await linkFromOutbox(browser, email, /invited you to join the organization “Example Client Ltd”/);
  const colleagueContext = await anonymousContext(browser);
  const colleague = await colleagueContext.newPage();
  await colleague.goto(link);
  await expect(colleague.getByRole("heading", { name: "Join Example Client Ltd" })).toBeVisible();
  await expectAccessible(colleague);
  await colleague.getByLabel("Your name").fill("Cole League");
  await colleague.getByLabel("Choose a password").fill("colleague-password");
  await colleague.getByRole("button", { name: "Join the organization" }).click();
  await expect(colleague).toHaveURL(/\/registrations\?welcome=1/);
  await expect(colleague.getByText("OAuth clients registered by Example Client Ltd")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("cell", { name: "Cole League", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Remove Cole League" }).click();
  await page.getByRole("button", { name: "Confirm: remove Cole League" }).click();
  await expect(page.getByText("Member removed").first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Cole League", exact: true })).toHaveCount(0);

  // The removed colleague's session no longer works.
  await colleague.goto("/registrations");
  await expect(colleague).toHaveURL(/\/sign-in/);
  await colleagueContext.close();

  // The invitation link was single-use.
  await page.goto(link);
  await expect(page.getByText("already accepted")).toBeVisible();
});
