import { expect, test } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, expectAccessible } from "./support/accounts";
import { approveViaApi, submitRegistration } from "./support/registrations";
import { secretWorks } from "./support/secrets";

test("approving a later revision pushes it to the existing client (RFC 7592) and keeps its ID", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const id = await submitRegistration(partner, `Updated Client ${Date.now().toString(36)}`);
  const admin = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  await approveViaApi(admin, id);

  await partner.goto(`/registrations/${id}`);
  const clientId = (await partner
    .locator("code")
    .filter({ hasText: /^[0-9a-f-]{36}$/ })
    .first()
    .textContent())!;
  // Rotate with a grace period first: the later approval must not cut it short.
  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  const original = (await partner.getByLabel("Client secret", { exact: true }).textContent())!;
  await partner.reload();
  await partner.getByLabel("Old secret keeps working for").selectOption("86400");
  await partner.getByRole("button", { name: "Rotate secret" }).click();
  await expect(partner.getByText(`Previous secret ••••${original.slice(-4)}: valid until`)).toBeVisible();
  await partner.getByRole("button", { name: "Edit (creates a new revision)" }).click();
  await expect(partner).toHaveURL(new RegExp(`/registrations/${id}/edit/human$`));
  await partner.getByLabel("Client Name").fill("Renamed Updated Client");
  await partner.getByRole("button", { name: /Review and submit/ }).click();
  await partner.getByRole("button", { name: "Submit for review" }).click();
  await expect(partner.getByLabel("Status: Submitted")).toBeVisible();
  // The approved revision stays live meanwhile.
  await expect(partner.getByText("Revision 1 is approved and stays live")).toBeVisible();

  await approveViaApi(admin, id, 2);
  await partner.goto(`/registrations/${id}`);
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();
  await expect(partner.locator("code").filter({ hasText: clientId })).toBeVisible();
  await admin.goto(`/admin/audit?registration=${id}`);
  await expect(admin.getByRole("cell", { name: /credential\.client_updated/ })).toBeVisible();
  expect(await secretWorks(partner.request, clientId, original)).toBe(true);
  await partnerContext.close();
});

test("Production without a configured server: approval is refused until an admin links a client ID", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const id = await submitRegistration(partner, `Production Client ${Date.now().toString(36)}`, {
    environment: "production",
    redirect_uris: ["https://reviewed.example/callback"],
  });
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  const claim = await admin.request.post(`/api/admin/registrations/${id}/claim`, { data: { revision: 1 } });
  expect(claim.status()).toBe(200);
  const refused = await admin.request.post(`/api/admin/registrations/${id}/decision`, { data: { revision: 1, decision: "approve" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error_description).toMatch(/Link the client ID/);

  await admin.goto(`/admin/registrations/${id}`);
  await admin.getByLabel("Client ID issued elsewhere").fill("12a3b456-78c9-0d12-34e5-f678ab9bcd0e");
  await admin.getByRole("button", { name: "Link client ID" }).click();
  await expect(admin.getByText("Linked by hand at https://auth.pleo.io")).toBeVisible();
  await expectAccessible(admin);
  const approved = await admin.request.post(`/api/admin/registrations/${id}/decision`, { data: { revision: 1, decision: "approve" } });
  expect(approved.status()).toBe(200);

  // The partner sees the linked client; the portal holds no secret for it.
  await partner.goto(`/registrations/${id}`);
  await expect(partner.locator("code").filter({ hasText: "12a3b456-78c9-0d12-34e5-f678ab9bcd0e" })).toBeVisible();
  await expect(partner.getByText(/issued by platform staff, who hold its secret/)).toBeVisible();
  // The portal never sees this client authenticate, so it cannot say when its secret was last used.
  await expect(partner.getByText(/When a secret was last used is not available at this authorization server/)).toBeVisible();
  await expect(partner.getByRole("button", { name: "Reveal client secret (once)" })).toHaveCount(0);
  await adminContext.close();
  await partnerContext.close();
});
