import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, anonymousContext, expectAccessible, readOutboxLink, signInStaffWithTotp, uniqueEmail } from "./support/accounts";
import { startPortal, type Portal } from "./support/portal-server";
import { logoPng } from "./support/registrations";

// The 5-minute path, walked by a new partner on a portal of its own with the instant-staging
// policy on, as `npm start` has it: sign-up with the e-mail link from the outbox, the wizard,
// instant approval and the secret revealed once, a passing Test connection, then "Prepare for
// Production", its checklist, the fix and the submission; an admin approves it from the diff
// against Staging. It prints the wall time from sign-up to the passing Test connection, and
// the metrics page lists the new organization at that step. One test: each step needs the
// one before it, and a retry starts again from a fresh sign-up.

const PORT = Number(process.env.E2E_PORT ?? 3200) + 15;
const DOMAIN = "fastpath.example";

test.describe.configure({ mode: "serial" });

let portal: Portal;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  portal = await startPortal(PORT, { INSTANT_STAGING: "on" }, { timeoutMs: 200_000 });
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  await portal?.stop();
});

async function waitForSave(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: /^Saved at \d\d:\d\d$/ })).toBeVisible();
}

test("a new partner goes from sign-up to a passing Test connection, then to Production through a reviewed diff", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminContext = await browser.newContext({ baseURL: portal.url, storageState: { cookies: [], origins: [] } });
  const partnerContext = await anonymousContext(browser);
  contexts.push(adminContext, partnerContext);
  const admin = await adminContext.newPage();
  await signInStaffWithTotp(admin, ADMIN);
  const partner = await partnerContext.newPage();
  const at = (path: string) => `${portal.url}${path}`;
  const email = uniqueEmail("fastpath");
  const org = `Fast Path ${Date.now().toString(36)} ApS`;
  const clientName = `Fast Path Books ${Date.now().toString(36)}`;

  // 1. Sign-up, with the link the outbox received.
  const started = Date.now();
  await partner.goto(at("/sign-up"));
  await partner.getByLabel("Work e-mail").fill(email);
  await partner.getByRole("button", { name: "Continue" }).click();
  await expect(partner.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await partner.goto(await readOutboxLink(admin, email, /Confirm your e-mail/));
  await partner.getByLabel("Your name").fill("Frida Fast");
  await partner.getByLabel("Company name").fill(org);
  await partner.getByLabel("Choose a password").fill("fast-path-passphrase-2026");
  await partner.getByRole("button", { name: "Create account" }).click();
  await expect(partner).toHaveURL(/\/registrations\?welcome=1$/);

  // 2. The wizard, every section by hand.
  await partner.getByRole("link", { name: "New registration" }).first().click();
  await expect(partner.getByRole("radio", { name: /Staging/ })).toBeChecked();
  await partner.getByRole("button", { name: "Create draft" }).click();
  await expect(partner).toHaveURL(/\/registrations\/[0-9a-f-]{36}\/edit\/human$/);
  const stagingId = /registrations\/([0-9a-f-]{36})/.exec(partner.url())![1]!;
  await partner.getByLabel("Client Name").fill(clientName);
  await partner.getByLabel("Client URI").fill(`https://${DOMAIN}/`);
  await partner.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: await logoPng() });
  await expect(partner.getByRole("img", { name: "Current logo" })).toBeVisible();
  await partner.getByLabel("Terms of Service").fill(`https://${DOMAIN}/terms`);
  await partner.getByLabel("Privacy Policy").fill(`https://${DOMAIN}/privacy`);
  await partner.getByLabel("Contacts").fill(`dev@${DOMAIN}`);
  await waitForSave(partner);
  await partner.getByRole("button", { name: "Continue" }).click();
  await partner.getByLabel("Initiation URI").fill(`https://${DOMAIN}/connect`);
  await partner.getByLabel("Settings URI").fill(`https://${DOMAIN}/settings`);
  await partner.getByRole("button", { name: "Continue" }).click();
  await expect(partner.getByRole("heading", { name: "Technical information" })).toBeVisible();
  await partner.getByLabel("Redirect URIs").fill(`https://app.${DOMAIN}/callback`);
  await partner.getByRole("button", { name: "This portal's Test connection" }).click();
  await partner.getByLabel("Search scopes").fill("users");
  await partner.getByRole("checkbox", { name: /users:read/ }).check();
  await partner.getByRole("button", { name: "Continue" }).click();
  await expect(partner.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  await partner.getByRole("button", { name: "Submit for review" }).click();

  // 3. Approved at once by the policy: the secret is there to reveal, once.
  await expect(partner).toHaveURL(new RegExp(`/registrations/${stagingId}\\?submitted=1$`));
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();
  await expect(partner.getByText("Approved at once by the instant-staging policy")).toBeVisible();
  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  await expect(partner.getByLabel("Client secret", { exact: true })).toHaveText(/^[0-9a-f]{30}$/);

  // 4. Test connection with the partner's own client, through the sandbox's sign-in and consent.
  await partner.getByRole("button", { name: "Test connection", exact: true }).click();
  await partner.getByLabel("Password").fill("sandbox-demo-2026");
  await partner.getByRole("button", { name: "Sign in" }).click();
  await partner.getByRole("button", { name: "Allow" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${stagingId}/test-runs/[0-9a-f-]{36}`));
  await expect(partner.getByText("The connection works")).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  console.log(`5-minute path: sign-up to a passing Test connection took ${seconds.toFixed(1)} s of wall time`);
  test.info().annotations.push({ type: "sign-up to passing Test connection", description: `${seconds.toFixed(1)} s` });
  expect(seconds).toBeLessThan(300);

  // 5. Prepare for Production: the checklist names the portal's callback; fix it from its link.
  await partner.goto(at(`/registrations/${stagingId}`));
  await partner.getByRole("button", { name: "Prepare for Production" }).click();
  await expect(partner).toHaveURL(/\/registrations\/[0-9a-f-]{36}\/edit\/human\?promoted=1$/);
  const productionId = /registrations\/([0-9a-f-]{36})/.exec(partner.url())![1]!;
  const checklist = partner.getByRole("group", { name: "Production checklist" });
  await expect(checklist).toContainText("Test connection callback");
  await checklist.getByRole("link", { name: "Redirect URIs" }).first().click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${productionId}/edit/technical#reg-redirectUris$`));
  await partner.getByLabel("Redirect URIs").fill(`https://app.${DOMAIN}/callback`);
  await partner.getByRole("button", { name: /Review and submit/ }).click();
  await partner.getByRole("button", { name: "Submit for review" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${productionId}\\?submitted=1$`));
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();
  await expect(partner.getByText("Production registrations are always reviewed by a person.", { exact: true })).toBeVisible();

  // 6. The admin reviews only what changed since the approved Staging revision, and approves.
  await admin.goto(at(`/admin/registrations/${productionId}`));
  const changes = admin.getByRole("region", { name: "Changes since approved Staging revision 1" });
  await expect(changes.locator("dt")).toHaveText(["Redirect URIs"]);
  await expect(changes.getByRole("listitem")).toHaveText([`Removed: − ${portal.url}/api/test-connection/callback`]);
  await expect(admin.getByTestId("staging-run")).toContainText("Test connection passed on");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Start review" }).click();
  // No authorization server for Production here: staff link the client ID they issued, then approve.
  await admin.getByLabel("Client ID issued elsewhere").fill(crypto.randomUUID());
  await admin.getByRole("button", { name: "Link client ID" }).click();
  await expect(admin.getByText("Linked.")).toBeVisible();
  await admin.getByRole("radio", { name: /Approve/ }).check();
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByLabel("Status: Approved")).toBeVisible();
  await partner.goto(at(`/registrations/${productionId}`));
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();

  // The metrics page lists the new organization at its furthest step.
  await admin.goto(at("/admin/metrics?period=7"));
  const latest = admin.getByRole("region", { name: "Latest sign-ups and how far each got" });
  await expect(latest.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: org }) })).toContainText("First passing Test connection");
  await expectAccessible(admin);
});
