import { expect, test } from "@playwright/test";
import { expectAccessible, formAlert } from "./support/accounts";

// The Playwright config starts a throwaway OpenID Connect provider and points AUTH_OIDC_* at it.
async function signInWithSso(page: import("@playwright/test").Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Platform staff: sign in with Staff SSO" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("anything");
  await page.locator("button[type=submit]").click();
  const consent = page.locator("button[type=submit]", { hasText: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

test("staff listed in ADMIN_EMAILS sign in with single sign-on and get the admin area", async ({ page }) => {
  await signInWithSso(page, "staff@platform.test");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  await expect(page.getByText("Platform staff")).toBeVisible();
  await expectAccessible(page);
});

test("single sign-on refuses addresses that are not staff", async ({ page }) => {
  await signInWithSso(page, "someone@elsewhere.test");
  await expect(page).toHaveURL(/\/sign-in\?error=sso_not_allowed/);
  await expect(formAlert(page)).toContainText("Single sign-on is for platform staff");
});
