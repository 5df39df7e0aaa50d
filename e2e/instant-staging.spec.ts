import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, PARTNER, expectAccessible, signIn, signInStaffWithTotp } from "./support/accounts";
import { submitRegistration } from "./support/registrations";
import { secretWorks, shownClientId } from "./support/secrets";
import { startPortal, type Portal } from "./support/portal-server";

// Instant staging, in its own serial project and on a portal of its own (started, like the
// suite's server, with INSTANT_STAGING=off): an admin switches the policy on at /admin/policy;
// a passing Staging submission lands on revealable credentials at once; a failing one goes to
// the queue and the partner is told why; Production always waits for a person; the admin sees
// the auto-approved one under its filter and marks it spot-checked.

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3200) + 14;
let portal: Portal;
let admin: Page;
let partner: Page;
const contexts: BrowserContext[] = [];

async function signedIn(browser: Browser, as: "admin" | "partner") {
  const context = await browser.newContext({ baseURL: portal.url, storageState: { cookies: [], origins: [] } });
  contexts.push(context);
  const page = await context.newPage();
  if (as === "admin") await signInStaffWithTotp(page, ADMIN);
  else await signIn(page, PARTNER.email, PARTNER.password);
  await expect(page).toHaveURL(as === "admin" ? /\/admin$/ : /\/registrations$/);
  return page;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  portal = await startPortal(PORT, { INSTANT_STAGING: "off" }, { timeoutMs: 200_000 });
  admin = await signedIn(browser, "admin");
  partner = await signedIn(browser, "partner");
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  await portal?.stop();
});

test("an admin switches the policy on at /admin/policy (audited)", async () => {
  await admin.goto("/admin/policy");
  await expect(admin.getByRole("heading", { name: "Instant staging policy" })).toBeVisible();
  await expect(admin.getByText("Auto-approval is off: every submission waits for a person.")).toBeVisible();
  await expectAccessible(admin);
  const toggle = admin.getByLabel(/Approve Staging submissions that pass every condition/);
  await expect(toggle).not.toBeChecked();
  // Read scopes only (the default) plus nothing else; users:write stays off.
  await expect(admin.getByLabel("users:read")).toBeChecked();
  await expect(admin.getByLabel("users:write")).not.toBeChecked();
  await toggle.check();
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Auto-approval is on for Staging.")).toBeVisible();
  await expect(admin.getByText(/Version 1, saved .* by /)).toBeVisible();
  await admin.goto("/admin/audit?action=policy.");
  await expect(admin.getByRole("cell", { name: /saved version 1 of the instant-staging policy \(on\)/ })).toBeVisible();
});

test("two admins saving at once: the second gets a conflict", async ({ browser }) => {
  await admin.goto("/admin/policy");
  const context = await browser.newContext({ baseURL: portal.url, storageState: await admin.context().storageState() });
  contexts.push(context);
  const second = await context.newPage();
  await second.goto("/admin/policy");
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText(/Version 2, saved/)).toBeVisible();
  await second.getByRole("button", { name: "Save policy" }).click();
  await expect(second.getByText("Not saved: the policy changed meanwhile")).toBeVisible();
  await expect(second.getByText(/Another admin saved the policy after you opened it/)).toBeVisible();
  await second.getByRole("button", { name: "Reload the current policy" }).click();
  await expect(second.getByText(/Version 2, saved/)).toBeVisible();
});

test("a passing Staging submission is approved at once: the partner reveals the secret", async () => {
  const name = `Instant Client ${Date.now().toString(36)}`;
  const id = await submitRegistration(partner, name);
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();
  await expect(partner.getByText("Approved at once by the instant-staging policy")).toBeVisible();
  await expectAccessible(partner);
  const clientId = await shownClientId(partner);
  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  const secret = (await partner.getByLabel("Client secret", { exact: true }).textContent())!;
  expect(secret).toMatch(/^[0-9a-f]{30}$/);
  expect(await secretWorks(partner.request, clientId, secret)).toBe(true);
  await expect(partner.getByRole("cell", { name: /The instant-staging policy approved revision 1/ })).toBeVisible();

  // The admin finds it under "Auto-approved", and marks it spot-checked.
  await admin.goto("/admin?status=auto");
  await expect(admin.getByRole("link", { name: /Auto-approved/ })).toHaveAttribute("aria-current", "page");
  await admin.getByRole("link", { name }).click();
  await expect(admin.getByText("Approved by the instant-staging policy", { exact: true })).toBeVisible();
  await expect(admin.getByText(/Approved by the instant-staging policy on /)).toBeVisible();
  await admin.getByRole("button", { name: "Mark spot-checked" }).click();
  await expect(admin.getByText(/An admin spot-checked it on /)).toBeVisible();
  // Revoking stays available, as for any provisioned client.
  await expect(admin.getByRole("button", { name: /Revoke/ })).toBeVisible();
  await admin.goto(`/admin/audit?registration=${id}`);
  await expect(admin.getByRole("cell", { name: /spot-checked the auto-approved configuration/ })).toBeVisible();
});

test("a submission that fails a condition goes to the queue, and the partner is told which", async () => {
  const name = `Held Client ${Date.now().toString(36)}`;
  await submitRegistration(partner, name, { scope: "users:read users:write" });
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();
  await expect(partner.getByText("A person will review this submission")).toBeVisible();
  await expect(partner.getByText("Scopes that need a person's approval: users:write.", { exact: true })).toBeVisible();
  await admin.goto("/admin?status=submitted");
  await admin.getByRole("link", { name }).click();
  await expect(admin.getByText("The instant-staging policy sent this submission to a person")).toBeVisible();
  await expect(admin.getByText("Scopes that need a person's approval: users:write.", { exact: true })).toBeVisible();
});

test("Production is never auto-approved, whatever the policy says", async () => {
  const name = `Production Client ${Date.now().toString(36)}`;
  await submitRegistration(partner, name, { environment: "production", redirect_uris: ["https://reviewed.example/callback"] });
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();
  await expect(partner.getByText("Production registrations are always reviewed by a person.", { exact: true })).toBeVisible();
});
