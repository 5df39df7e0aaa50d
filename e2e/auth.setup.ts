import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE, PARTNER, PARTNER_STATE, signIn, signInStaffWithTotp } from "./support/accounts";

// Signs the seeded accounts in once; specs reuse the saved sessions.
setup("sign in the seeded admin", async ({ page }) => {
  // Staff who sign in with a password need a second factor: the seeded admin's is an app.
  await signInStaffWithTotp(page, ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await page.context().storageState({ path: ADMIN_STATE });
});

setup("sign in the seeded partner", async ({ page }) => {
  await signIn(page, PARTNER.email, PARTNER.password);
  await expect(page).toHaveURL(/\/registrations$/);
  await page.context().storageState({ path: PARTNER_STATE });
});
