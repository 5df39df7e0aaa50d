import { expect, test } from "@playwright/test";
import { PARTNER, expectAccessible, formAlert, linkFromOutbox, signIn, signUpVerified, uniqueEmail } from "./support/accounts";

test("sign up: the address first; whoever opens the link chooses name, organization and password", async ({ page, browser }) => {
  const email = uniqueEmail("signup");
  await page.goto("/sign-up");
  await expectAccessible(page);
  // Live validation from the shared schema, before anything reaches the server.
  await page.getByLabel("Work e-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Enter an e-mail address like name@company.com.")).toBeVisible();
  await expect(page.getByLabel("Work e-mail")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Work e-mail").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  // No account exists yet: nothing signs in.
  await signIn(page, email, "a-long-enough-password");
  await expect(formAlert(page)).toContainText("do not match");

  const link = await linkFromOutbox(browser, email, /Confirm your e-mail/);
  expect(link).toMatch(/^http:\/\/localhost:\d+\/verify-email\?token=/);
  await page.goto(link);
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your name").fill("Sam Signup");
  await page.getByLabel("Company name").fill("Signup Labs");
  await page.getByLabel("Choose a password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.getByLabel("Choose a password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/registrations\?welcome=1$/);
  await expect(page.getByRole("heading", { name: "My registrations" })).toBeVisible();
  await expect(page.getByText("OAuth clients registered by Signup Labs")).toBeVisible();
  await expectAccessible(page);

  // The link works once.
  await page.goto(link);
  await expect(page.getByText("already been used")).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, PARTNER.email, "definitely-not-the-password");
  await expect(formAlert(page)).toContainText("That e-mail and password do not match an account.");
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);
});

test("five failed attempts lock the account, even for the right password, with the wait time", async ({ page, browser }) => {
  const email = uniqueEmail("lockout");
  const password = "the-right-password";
  await signUpVerified(browser, { name: "Lou Lockout", org: "Lockout Ltd", email, password });
  for (let i = 0; i < 4; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(formAlert(page)).toContainText("do not match");
  }
  await signIn(page, email, "wrong-password-5");
  await expect(formAlert(page)).toContainText(/Too many failed sign-in attempts for this account\. Try again in 15 minutes/);
  await signIn(page, email, password);
  await expect(formAlert(page)).toContainText(/Try again in (14|15) minutes/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("password reset by an e-mailed link that works once", async ({ page, browser }) => {
  const email = uniqueEmail("reset");
  await signUpVerified(browser, { name: "Rae Reset", org: "Reset Co", email, password: "original-password" });
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a reset link is on its way" })).toBeVisible();

  const link = await linkFromOutbox(browser, email, /Reset your password/);
  await page.goto(link);
  await expectAccessible(page);
  await page.getByLabel("New password").fill("brand-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();

  await signIn(page, email, "brand-new-password");
  await expect(page).toHaveURL(/\/registrations$/);

  await page.goto(link);
  await expect(page.getByText("already been used or is not valid")).toBeVisible();
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, PARTNER.email, PARTNER.password);
  await expect(page).toHaveURL(/\/registrations$/);
  await page.getByRole("banner").locator("summary").click(); // the account menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/registrations");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fregistrations/);
});
