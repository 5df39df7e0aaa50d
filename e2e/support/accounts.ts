import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_ADMIN_TOTP_SECRET } from "../../lib/db/demo-accounts";
import { stepAt, totpCode } from "../../lib/security/totp";
import { expectAccessible } from "./axe";

export const PARTNER = { email: "partner@example.com", password: "partner-demo-2026", org: "Example Client Ltd" };
export const OTHER = { email: "other@example.com", password: "other-demo-2026", org: "Other Fintech AS" };
export const ADMIN = { email: "admin@example.com", password: "admin-demo-2026", totpSecret: DEMO_ADMIN_TOTP_SECRET };
export const ADMIN_STATE = "e2e/.auth/admin.json";
export const PARTNER_STATE = "e2e/.auth/partner.json";

/** A browser context with no session (newContext would otherwise inherit the file's storageState). */
export function anonymousContext(browser: Browser) {
  return browser.newContext({ storageState: { cookies: [], origins: [] } });
}

/** The form's outcome message (Next.js also renders an empty role=alert route announcer). */
export function formAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Signs staff in with their password and a code from their authenticator app. A code works
 * once, so when this step's code was already used (another sign-in in the same 30 seconds),
 * it waits for the next one.
 */
export async function signInStaffWithTotp(page: Page, account: { email: string; password: string; totpSecret: string }) {
  await signIn(page, account.email, account.password);
  // The first sign-in on a portal that has just started can take a while on a loaded machine.
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/, { timeout: 30_000 });
  for (let tries = 0; tries < 3; tries++) {
    await page.getByLabel("Code from your authenticator app").fill(totpCode(account.totpSecret, stepAt(Date.now())));
    await page.getByRole("button", { name: "Verify" }).click();
    const done = await page
      .waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (done) return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error(`could not complete the second factor for ${account.email}`);
}

/**
 * The newest outbox message to `to` whose subject matches, read by an admin, and the first
 * link in it. Mail is how verification, reset and invitation links reach people.
 */
export async function linkFromOutbox(browser: Browser, to: string, subject: RegExp): Promise<string> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    return await readOutboxLink(await context.newPage(), to, subject);
  } finally {
    await context.close();
  }
}

/** As linkFromOutbox, with a page already signed in as an admin (of a portal of the spec's own). */
export async function readOutboxLink(admin: Page, to: string, subject: RegExp): Promise<string> {
  await admin.goto("/admin/outbox");
  const message = admin
    .getByRole("article", { name: new RegExp(`to ${to.replace(/[.+]/g, "\\$&")}$`) })
    .filter({ hasText: subject })
    .first();
  await expect(message).toBeVisible();
  return (await message.getByRole("link").first().getAttribute("href"))!;
}

/**
 * Signs up through the UI in a browser of its own: the address first, then the outbox link,
 * where the name, organization and password are chosen. The caller's pages stay signed out.
 */
export async function signUpVerified(browser: Browser, opts: { name: string; org: string; email: string; password: string }) {
  const context = await anonymousContext(browser);
  const own = await context.newPage();
  try {
    await own.goto("/sign-up");
    await own.getByLabel("Work e-mail").fill(opts.email);
    await own.getByRole("button", { name: "Continue" }).click();
    await expect(own.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await completeSignUp(own, await linkFromOutbox(browser, opts.email, /Confirm your e-mail/), opts);
  } finally {
    await context.close();
  }
}

/** Step two of sign-up, on the page the e-mailed link opens; ends signed in. */
export async function completeSignUp(page: Page, link: string, opts: { name: string; org: string; password: string }) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Your name").fill(opts.name);
  await page.getByLabel("Company name").fill(opts.org);
  await page.getByLabel("Choose a password").fill(opts.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/registrations\?welcome=1$/);
}

export { expectAccessible };
