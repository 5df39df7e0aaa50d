import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, expectAccessible } from "./support/accounts";
import { approveViaApi, submitRegistration } from "./support/registrations";

// Promotion to Production: an approved Staging registration with a passing Test connection is
// prepared for Production; the checklist names what Production refuses (a loopback address and
// the portal's own callback), the partner fixes them and submits; the admin reviews only what
// changed since the approved Staging revision, and sees the staging run.

/** With PROMOTION_SCREENSHOTS set: the page at 1280 and 360 px, light and dark, for a look by eye. */
async function screenshots(page: Page, name: string) {
  if (!process.env.PROMOTION_SCREENSHOTS) return;
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 360]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/promotion-${name}-${colorScheme}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("prepare for Production: checklist, fix, submit; the reviewer sees the diff against Staging and the run", async ({ browser, baseURL }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const callback = `${baseURL}/api/test-connection/callback`;
  const name = `Promoted Client ${Date.now().toString(36)}`;
  const stagingId = await submitRegistration(partner, name, {
    redirect_uris: ["https://reviewed.example/callback", "http://127.0.0.1:8765/callback", callback],
  });
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  await approveViaApi(admin, stagingId);

  // A passing Test connection of the staging client (the sandbox's sign-in and consent).
  await partner.goto(`/registrations/${stagingId}`);
  await partner.getByRole("button", { name: "Test connection", exact: true }).click();
  await partner.getByLabel("Password").fill("sandbox-demo-2026");
  await partner.getByRole("button", { name: "Sign in" }).click();
  await partner.getByRole("button", { name: "Allow" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${stagingId}/test-runs/`));
  await expect(partner.getByRole("list", { name: "Steps of this test run" })).toBeVisible();

  await partner.goto(`/registrations/${stagingId}`);
  await screenshots(partner, "staging");
  await partner.getByRole("button", { name: "Prepare for Production" }).click();
  await expect(partner).toHaveURL(/\/registrations\/[0-9a-f-]{36}\/edit\/human\?promoted=1$/);
  const productionId = /registrations\/([0-9a-f-]{36})/.exec(partner.url())![1]!;
  const checklist = partner.getByRole("group", { name: "Production checklist" });
  await expect(checklist).toContainText("http://127.0.0.1:8765/callback");
  await expect(checklist).toContainText("Test connection callback");
  await expectAccessible(partner);
  await screenshots(partner, "checklist");

  // The checklist links to the field; fix it there.
  await checklist.getByRole("link", { name: "Redirect URIs" }).first().click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${productionId}/edit/technical#reg-redirectUris$`));
  await partner.getByLabel("Redirect URIs").fill("https://reviewed.example/callback\nhttps://reviewed.example/production-callback");
  await partner.getByRole("button", { name: /Review and submit/ }).click();
  await partner.getByRole("button", { name: "Submit for review" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${productionId}\\?submitted=1$`));
  await expect(partner.getByRole("link", { name: new RegExp(`Staging registration .*${name}`) })).toBeVisible();

  // A second "Prepare for Production" on Staging opens the existing one.
  await partner.goto(`/registrations/${stagingId}`);
  await expect(partner.getByRole("link", { name: "Open the Production registration" })).toHaveAttribute("href", `/registrations/${productionId}`);

  await admin.goto(`/admin/registrations/${productionId}`);
  await expect(admin.getByRole("heading", { name: /Changes since approved Staging revision 1/ })).toBeVisible();
  // Added since Staging: in the diff, and in the registration's fields below it.
  await expect(admin.getByText("https://reviewed.example/production-callback")).toHaveCount(2);
  await expect(admin.getByTestId("staging-run")).toContainText("Test connection passed on");
  await admin.getByText("Timeline of that run").click();
  await expect(admin.getByRole("list", { name: "Steps of this test run" })).toBeVisible();
  await expect(admin.getByText(/Technical fields changed since the Staging configuration/)).toBeVisible();
  await expectAccessible(admin);
  await screenshots(admin, "review");

  await adminContext.close();
  await partnerContext.close();
});

test("submitting a promoted registration without a recent passing run is refused with the reason", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const stagingId = await submitRegistration(partner, `Untested Client ${Date.now().toString(36)}`);
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  await approveViaApi(await adminContext.newPage(), stagingId);
  await adminContext.close();

  await partner.goto(`/registrations/${stagingId}`);
  await partner.getByRole("button", { name: "Prepare for Production" }).click();
  await expect(partner).toHaveURL(/\/edit\/human\?promoted=1$/);
  // The Postman callback from the staging manifest is flagged, not refused.
  await expect(partner.getByRole("group", { name: "Production checklist" })).toContainText("Postman");
  await partner.getByRole("button", { name: /Review and submit/ }).click();
  await partner.getByRole("button", { name: "Submit for review" }).click();
  await expect(partner.getByRole("alert").filter({ hasText: "run Test connection on the Staging registration" })).toBeVisible();
  await partnerContext.close();
});
