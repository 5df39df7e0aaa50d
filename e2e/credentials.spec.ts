import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, expectAccessible } from "./support/accounts";
import { approveViaApi, submitRegistration } from "./support/registrations";
import { clientBundlesContaining, localSecrets, secretWorks, serverLog } from "./support/secrets";

// Approval provisions the client at the embedded authorization server; the partner reveals
// the secret once, rotates it with a grace period, sees when each secret was last used,
// retires the previous one early, and revokes the client.

/**
 * Authenticates at the token endpoint with this secret, as an app would (the grant itself is a
 * bogus refresh token): the embedded server then records the secret's use. True if accepted.
 */
async function useAtTokenEndpoint(request: APIRequestContext, clientId: string, secret: string): Promise<boolean> {
  const response = await request.post("/oidc/oauth/token", {
    headers: { Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}` },
    form: { grant_type: "refresh_token", refresh_token: "not-a-real-token" },
  });
  return response.status() === 400 && (await response.json()).error === "invalid_grant";
}

test("approval provisions the client; the secret is revealed once, rotates with a grace period, and revocation ends it", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const name = `Provisioned Client ${Date.now().toString(36)}`;
  const id = await submitRegistration(partner, name);

  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminContext.newPage();
  await approveViaApi(admin, id);
  await admin.goto(`/admin/registrations/${id}`);
  await expect(admin.getByLabel("Status: Approved")).toBeVisible();
  await expect(admin.getByText(/Provisioned at http:\/\/localhost:\d+\/oidc/)).toBeVisible();

  await partner.goto(`/registrations/${id}`);
  await expect(partner.getByLabel("Status: Approved")).toBeVisible();
  const clientId = (await partner
    .locator("code")
    .filter({ hasText: /^[0-9a-f-]{36}$/ })
    .first()
    .textContent())!;
  expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  await expectAccessible(partner);

  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  const first = (await partner.getByLabel("Client secret", { exact: true }).textContent())!;
  expect(first).toMatch(/^[0-9a-f]{30}$/);
  await expect(partner.getByText("Copy the secret now")).toBeVisible();
  expect(await secretWorks(partner.request, clientId, first)).toBe(true);
  expect(await secretWorks(partner.request, clientId, "0".repeat(30))).toBe(false);

  // Never again after a reload: only the last four characters, and who revealed it.
  await partner.reload();
  await expect(partner.getByLabel("Client secret", { exact: true })).toHaveCount(0);
  await expect(partner.getByRole("button", { name: "Reveal client secret (once)" })).toHaveCount(0);
  await expect(partner.getByText(`••••••••${first.slice(-4)}`)).toBeVisible();
  await expect(partner.getByText(/revealed by Pat Partner/)).toBeVisible();
  expect(await partner.content()).not.toContain(first);

  // Rotate with a one-hour grace period: both secrets work until it ends.
  await partner.getByLabel("Old secret keeps working for").selectOption("3600");
  await partner.getByRole("button", { name: "Rotate secret" }).click();
  await expect(partner.getByText(`Previous secret ••••${first.slice(-4)}: valid until`)).toBeVisible();
  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  const second = (await partner.getByLabel("Client secret", { exact: true }).textContent())!;
  expect(second).toMatch(/^[0-9a-f]{30}$/);
  expect(second).not.toBe(first);
  expect(await secretWorks(partner.request, clientId, second)).toBe(true);
  expect(await secretWorks(partner.request, clientId, first)).toBe(true);

  // Last used: the app still uses the old secret at the token endpoint; the new one not yet.
  expect(await useAtTokenEndpoint(partner.request, clientId, first)).toBe(true);
  await partner.reload();
  await expect(partner.getByText("Current secret: not used yet.")).toBeVisible();
  const previousLine = partner.getByText(new RegExp(`^Previous secret ••••${first.slice(-4)}: valid until .+, last used just now\\.$`));
  await expect(previousLine).toBeVisible();
  expect(await useAtTokenEndpoint(partner.request, clientId, second)).toBe(true);
  await partner.reload();
  await expect(partner.getByText("Current secret: last used just now.")).toBeVisible();
  await expectAccessible(partner);

  // The apps have moved on: the owner retires the previous secret, which stops working at once.
  await partner.getByRole("button", { name: "Retire the previous secret now" }).click();
  await partner.getByRole("button", { name: "Confirm: retire it" }).click();
  await expect(partner.getByText(/^Previous secret/)).toHaveCount(0);
  await expect(partner.getByRole("button", { name: "Retire the previous secret now" })).toHaveCount(0);
  expect(await secretWorks(partner.request, clientId, first)).toBe(false);
  expect(await useAtTokenEndpoint(partner.request, clientId, first)).toBe(false);
  expect(await secretWorks(partner.request, clientId, second)).toBe(true);

  // Rotating with no grace ends the old secret at once.
  await partner.reload();
  await partner.getByLabel("Old secret keeps working for").selectOption("0");
  await partner.getByRole("button", { name: "Rotate secret" }).click();
  await expect(partner.getByRole("button", { name: "Reveal client secret (once)" })).toBeVisible();
  expect(await secretWorks(partner.request, clientId, second)).toBe(false);

  // The owner revokes: the client is deleted at the server.
  await partner.getByRole("button", { name: "Revoke client…" }).click();
  await partner.getByRole("button", { name: "Confirm: revoke" }).click();
  await expect(partner.getByText("This client was revoked: it no longer exists at the authorization server.")).toBeVisible();
  expect(await secretWorks(partner.request, clientId, first)).toBe(false);

  // Secrets never reach the browser bundles or the server's log.
  const secrets = [first, second, ...localSecrets()];
  expect(clientBundlesContaining(secrets)).toEqual([]);
  const log = serverLog();
  for (const secret of [first, second]) expect(log).not.toContain(secret);

  // The audit log has every credential event.
  await admin.goto(`/admin/audit?registration=${id}`);
  for (const action of [
    "credential.client_provisioned",
    "credential.secret_revealed",
    "credential.secret_rotated",
    "credential.previous_secret_retired",
    "credential.client_revoked",
  ]) {
    await expect(admin.getByRole("cell", { name: new RegExp(action.replace(".", "\\.")) }).first()).toBeVisible();
  }
  await partnerContext.close();
  await adminContext.close();
});
