import { expect, test, type Browser } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, anonymousContext, expectAccessible, formAlert } from "./support/accounts";
import { submitRegistration } from "./support/registrations";

// The review loop end to end, in real Chromium: partner submits, admin requests changes on a
// field, partner fixes and resubmits, admin sees the diff and approves.

async function adminPage(browser: Browser) {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  return { context, page: await context.newPage() };
}

test("submit, request changes on a field, fix, resubmit, see the diff, approve; notified and audited", async ({ browser }) => {
  const name = `Reviewed Client ${Date.now().toString(36)}`;
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const id = await submitRegistration(partner, name);
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();

  const { context: adminContext, page: admin } = await adminPage(browser);
  // The admin finds it by searching for the contact e-mail's prefix of the name.
  await admin.goto("/admin");
  await expectAccessible(admin);
  await admin.getByLabel("Search", { exact: true }).fill(name.toLowerCase().slice(0, 14));
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByRole("link", { name }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/registrations/${id}$`));
  await expect(admin.getByText("Postman redirect URI").or(admin.getByText(/Automated checks/))).toBeVisible();
  await expectAccessible(admin);

  await admin.getByRole("button", { name: "Start review" }).click();
  await expect(admin.getByText("In review by")).toContainText("you");
  await admin.getByRole("radio", { name: /Request changes/ }).check();
  await admin.getByLabel("What needs to change (shown to the partner)").fill("Please remove the Postman callback before going further.");
  await admin.getByRole("button", { name: "Add a comment on a field" }).click();
  await admin.getByLabel("Field of comment 1").selectOption("redirectUris");
  await admin.getByLabel("Comment 1", { exact: true }).fill("The Postman desktop callback is not needed for a server-side app.");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Request changes", exact: true }).click();
  await expect(admin.getByLabel("Status: Changes requested")).toBeVisible();

  // The partner sees the decision and the comment beside the field, fixes it and resubmits.
  await partner.goto(`/registrations/${id}`);
  await expect(partner.getByLabel("Status: Changes requested")).toBeVisible();
  await expect(partner.locator("blockquote")).toContainText("Please remove the Postman callback");
  await expectAccessible(partner);
  await partner.getByRole("button", { name: "Edit and resubmit" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${id}/edit/human$`));
  await partner.getByRole("button", { name: /Technical/ }).click();
  await expect(partner.getByRole("note", { name: "Reviewer comments" })).toContainText("Postman desktop callback is not needed");
  await partner.getByLabel("Redirect URIs").fill("https://reviewed.example/callback");
  await partner.getByRole("button", { name: /Review and submit/ }).click();
  await partner.getByRole("button", { name: "Submit for review" }).click();
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();
  // The earlier revision stays readable.
  await partner.getByRole("link", { name: "Revision 1" }).click();
  await expect(partner.getByText("https://oauth.pstmn.io/v1/callback")).toBeVisible();

  // The admin sees what changed and approves.
  await admin.goto(`/admin/registrations/${id}`);
  await expect(admin.getByRole("heading", { name: "Changes since revision 1" })).toBeVisible();
  await expect(admin.getByRole("listitem").filter({ hasText: "Removed:" }).filter({ hasText: "https://oauth.pstmn.io/v1/callback" })).toBeVisible();
  await admin.getByRole("button", { name: "Start review" }).click();
  await admin.getByRole("radio", { name: /Approve/ }).check();
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByLabel("Status: Approved")).toBeVisible();

  await partner.goto(`/registrations/${id}`);
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();

  // Both decisions reached the organization's mailbox (and the submission reached admins).
  await admin.goto("/admin/outbox");
  await expect(admin.getByRole("article", { name: new RegExp(`^Changes requested: ${name} to partner@example.com$`) })).toBeVisible();
  await expect(admin.getByRole("article", { name: new RegExp(`^Approved: ${name} to partner@example.com$`) })).toBeVisible();
  await expect(admin.getByRole("article", { name: new RegExp(`^New submission to review: ${name}`) }).first()).toBeVisible();
  // Contact addresses of the registration are never mailed.
  await expect(admin.getByRole("article", { name: /to review-contact@reviewed\.example$/ })).toHaveCount(0);

  // The audit log lists every step.
  await admin.goto(`/admin/audit?registration=${id}`);
  await expectAccessible(admin);
  for (const action of [
    "registration.created",
    "revision.submitted",
    "revision.claimed",
    "revision.changes_requested",
    "revision.draft_started",
    "revision.approved",
  ]) {
    await expect(admin.getByRole("cell", { name: new RegExp(action.replace(".", "\\.")) }).first()).toBeVisible();
  }
  await expect(admin.getByRole("cell", { name: /revision\.submitted/ })).toHaveCount(2);

  await partnerContext.close();
  await adminContext.close();
});

test("a partner cannot reach any admin page or action", async ({ browser }) => {
  const context = await browser.newContext({ storageState: PARTNER_STATE });
  const page = await context.newPage();
  const id = "00000000-0000-4000-8000-000000000000";
  for (const path of ["/admin", "/admin/audit", "/admin/organizations", `/admin/registrations/${id}`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  for (const action of ["claim", "decision"]) {
    const response = await page.request.post(`/api/admin/registrations/${id}/${action}`, { data: { revision: 1, decision: "approve" } });
    expect(response.status(), action).toBe(404);
  }
  await context.close();
});

test("acting on a decided revision is a 409 conflict, for a second admin too", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const id = await submitRegistration(await partnerContext.newPage(), `Conflict Client ${Date.now().toString(36)}`);
  await partnerContext.close();

  const { context, page } = await adminPage(browser);
  const claim = await page.request.post(`/api/admin/registrations/${id}/claim`, { data: { revision: 1 } });
  expect(claim.status()).toBe(200);
  // A second admin (staff single sign-on) cannot decide someone else's claim...
  const second = await anonymousContext(browser);
  const secondPage = await second.newPage();
  await secondPage.goto("/sign-in");
  await secondPage.getByRole("button", { name: /Platform staff: sign in/ }).click();
  await secondPage.locator("input[name=login]").fill("staff@platform.test");
  await secondPage.locator("input[name=password]").fill("anything");
  await secondPage.locator("button[type=submit]").click();
  const consent = secondPage.locator("button[type=submit]", { hasText: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await expect(secondPage).toHaveURL(/\/admin$/);
  const stolen = await secondPage.request.post(`/api/admin/registrations/${id}/decision`, { data: { revision: 1, decision: "approve" } });
  expect(stolen.status()).toBe(409);

  const decided = await page.request.post(`/api/admin/registrations/${id}/decision`, { data: { revision: 1, decision: "reject", note: "Not a real app." } });
  expect(decided.status()).toBe(200);
  // ...and once decided, nobody can act on that revision again.
  for (const request of [
    secondPage.request.post(`/api/admin/registrations/${id}/claim`, { data: { revision: 1, take_over: true } }),
    page.request.post(`/api/admin/registrations/${id}/decision`, { data: { revision: 1, decision: "approve" } }),
  ]) {
    const response = await request;
    expect(response.status()).toBe(409);
    expect((await response.json()).error).toBe("conflict");
  }
  // The UI says the same in words.
  await secondPage.goto(`/admin/registrations/${id}`);
  await expect(secondPage.getByLabel("Status: Rejected")).toBeVisible();
  await expect(secondPage.getByText("Not a real app.")).toBeVisible();
  await expect(formAlert(secondPage)).toHaveCount(0);
  await second.close();
  await context.close();
});
