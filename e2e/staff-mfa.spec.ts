// Staff sign in with a second factor: a passkey, tried here with Chromium's DevTools virtual
// authenticator, with recovery codes as the fallback.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { PASSKEY_STAFF_EMAIL } from "../playwright.config";
import { ADMIN, PARTNER, anonymousContext, expectAccessible, linkFromOutbox, signIn } from "./support/accounts";
import { startPortal } from "./support/portal-server";

const PASSWORD = "staff-password-for-passkeys";

/** A platform authenticator with user verification, as a laptop's fingerprint reader would be. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function signOut(page: Page) {
  await page.getByRole("banner").locator("summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
}

test("staff add a passkey at their first sign-in, then sign in with it or a recovery code", async ({ browser }) => {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await virtualAuthenticator(context, page);

  // Sign-up for a staff address: after choosing the password, a second factor is required.
  await page.goto("/sign-up");
  await page.getByLabel("Work e-mail").fill(PASSKEY_STAFF_EMAIL);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.goto(await linkFromOutbox(browser, PASSKEY_STAFF_EMAIL, /Confirm your e-mail/));
  await page.getByLabel("Your name").fill("Pia Passkey");
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await expect(page.getByRole("heading", { name: "Protect your staff account" })).toBeVisible();
  await expectAccessible(page);

  // No session yet: the admin pages send us to sign in.
  const probe = await (await anonymousContext(browser)).newPage();
  await probe.context().addCookies(await context.cookies());
  await probe.goto("/admin");
  await expect(probe).toHaveURL(/\/sign-in/);
  await probe.context().close();

  await page.getByRole("button", { name: "Add a passkey" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allTextContents()).map((c) => c.trim());
  await expectAccessible(page);
  await page.getByRole("button", { name: "I have saved them: continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  expect(await linkFromOutbox(browser, PASSKEY_STAFF_EMAIL, /A passkey was added to your account/)).toMatch(/\/forgot-password$/);

  // Next sign-in: password, then the passkey.
  await signOut(page);
  await signIn(page, PASSKEY_STAFF_EMAIL, PASSWORD);
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // A recovery code works once.
  await signOut(page);
  await signIn(page, PASSKEY_STAFF_EMAIL, PASSWORD);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(recovery[0]!.toLowerCase());
  await page.getByRole("button", { name: "Use the recovery code" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await signOut(page);
  await signIn(page, PASSKEY_STAFF_EMAIL, PASSWORD);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(recovery[0]!);
  await page.getByRole("button", { name: "Use the recovery code" }).click();
  await expect(page.getByText("That did not work. Check it and try again.")).toBeVisible();

  // The account page lists the passkey.
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Second factors" })).toBeVisible();
  await expect(page.getByText(/Passkey · Passkey added/)).toBeVisible();
  await expect(page.getByText("Recovery codes left: 9.")).toBeVisible();
  await expectAccessible(page);

  // The audit log has the security events.
  await page.goto(`/admin/audit?action=security.passkey_added`);
  await expect(page.getByText("A passkey was added to your account")).toBeVisible();

  // New recovery codes replace the old ones, shown once; a refused request says why (it did
  // nothing at all before).
  await page.goto("/account");
  const makeCodes = page.getByRole("button", { name: "Make new recovery codes" });
  await makeCodes.click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(page.getByText("Recovery codes left: 10.")).toBeVisible();
  await context.clearCookies();
  await makeCodes.click();
  await expect(page.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();
  await context.close();
});

test("the second-factor page without a pending sign-in asks to sign in again", async ({ browser }) => {
  const page = await (await anonymousContext(browser)).newPage();
  await page.goto("/sign-in/second-factor");
  await expect(page.getByRole("heading", { name: "Sign in again" })).toBeVisible();
  await expectAccessible(page);
});

test("with STAFF_SSO_ONLY, staff cannot sign in with a password; partners still can", async ({ browser }) => {
  test.setTimeout(240_000);
  const port = Number(process.env.E2E_PORT ?? 3200) + 12;
  const idp = `http://localhost:${Number(process.env.E2E_IDP_PORT ?? 3299)}`;
  const portal = await startPortal(port, {
    AUTH_OIDC_ISSUER: idp,
    AUTH_OIDC_CLIENT_ID: "portal-staff-sso",
    AUTH_OIDC_CLIENT_SECRET: "portal-staff-sso-secret-for-tests-only",
    STAFF_SSO_ONLY: "true",
  });
  try {
    const page = await (await anonymousContext(browser)).newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The first sign-in on a portal that has just started can take a while on a loaded machine.
    await expect(page.getByText("Platform staff sign in with single sign-on")).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("E-mail").fill(PARTNER.email);
    await page.getByLabel("Password", { exact: true }).fill(PARTNER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/registrations$/);
  } finally {
    await portal.stop();
  }
});
