import { expect, test } from "@playwright/test";
import { ADMIN_STATE, PARTNER_STATE, expectAccessible } from "./support/accounts";
import { approveViaApi, submitRegistration } from "./support/registrations";
import { expectServedWhole } from "./support/served-whole";

// The real OAuth 2.0 authorization code flow with PKCE, with the partner's own client, against
// the embedded staging server: sign-in and consent at the sandbox, then every step checked.

test("approve, see the secret once, Test connection through sandbox sign-in and consent: every step passes", async ({ browser, baseURL }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const callback = `${baseURL}/api/test-connection/callback`;
  const id = await submitRegistration(partner, `Connected Client ${Date.now().toString(36)}`, {
    redirect_uris: ["https://reviewed.example/callback", callback],
    scope: "users:read export-jobs:read",
  });
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  await approveViaApi(await adminContext.newPage(), id);
  await adminContext.close();

  await partner.goto(`/registrations/${id}`);
  await partner.getByRole("button", { name: "Reveal client secret (once)" }).click();
  await expect(partner.getByLabel("Client secret", { exact: true })).toHaveText(/^[0-9a-f]{30}$/);
  await partner.reload();
  await expect(partner.getByLabel("Client secret", { exact: true })).toHaveCount(0);

  await partner.getByRole("button", { name: "Test connection", exact: true }).click();
  // The sandbox's own sign-in page, then its consent page with the client's details.
  await expect(partner.getByRole("heading", { name: "Sign in to Demo Company" })).toBeVisible();
  await expectAccessible(partner);
  await partner.getByLabel("Password").fill("sandbox-demo-2026");
  await partner.getByRole("button", { name: "Sign in" }).click();
  await expect(partner.getByRole("heading", { name: "Allow access?" })).toBeVisible();
  await expect(partner.getByText(/Connected Client .* wants to access your Pleo account/)).toBeVisible();
  await expect(partner.getByText("users:read")).toBeVisible();
  await expect(partner.getByRole("link", { name: "Terms of Service" })).toHaveAttribute("href", "https://reviewed.example/terms");
  // The logo the organization uploaded (checked against the client's organization).
  await expect(partner.getByRole("img", { name: /Connected Client .* logo$/ })).toHaveAttribute("src", /^\/api\/logos\/[0-9a-f-]{36}$/);
  await expectAccessible(partner);
  await partner.getByRole("button", { name: "Allow" }).click();

  // The timeline: every step passed.
  await expect(partner).toHaveURL(new RegExp(`/registrations/${id}/test-runs/[0-9a-f-]{36}`));
  const steps = partner.getByRole("list", { name: "Steps of this test run" }).locator(":scope > li");
  await expect(steps).toHaveCount(6);
  for (const title of ["Authorization request", "Consent", "Callback", "Token exchange", "API call", "Refresh"]) {
    const step = steps.filter({ has: partner.getByRole("heading", { name: new RegExp(title, "i") }) });
    await expect(step.first(), title).toContainText("Passed");
  }
  // Tokens and secrets never appear on the page.
  const html = await partner.content();
  expect(html).not.toMatch(/"access_token":\s*"[A-Za-z0-9_-]{20,}"/);
  await expectAccessible(partner);
  // The result and the run history are in the first paint, not behind a skeleton. (The tools
  // page keeps one: it waits on the authorization server's discovery.)
  await expectServedWhole(partner, new URL(partner.url()).pathname);
  await expectServedWhole(partner, `/registrations/${id}/test-runs`);

  await partnerContext.close();
});

test("a registration without the portal's callback explains how to add it", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const id = await submitRegistration(partner, `No Callback Client ${Date.now().toString(36)}`);
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  await approveViaApi(await adminContext.newPage(), id);
  await adminContext.close();
  await partner.goto(`/registrations/${id}`);
  await expect(partner.getByText(/\/api\/test-connection\/callback/).first()).toBeVisible();
  await expect(partner.getByText(/This portal's Test connection/).first()).toBeVisible();
  await expect(partner.getByRole("button", { name: "Test connection", exact: true })).toHaveCount(0);
  await expectAccessible(partner);
  await partnerContext.close();
});

test("a replayed or forged callback ends in a clear refusal, not an error", async ({ browser, baseURL }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const partner = await partnerContext.newPage();
  const callback = `${baseURL}/api/test-connection/callback`;
  const id = await submitRegistration(partner, `Replay Client ${Date.now().toString(36)}`, { redirect_uris: [callback], scope: "users:read" });
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  await approveViaApi(await adminContext.newPage(), id);
  await adminContext.close();

  // Capture the real callback URL on its way to the portal.
  let callbackUrl = "";
  partner.on("request", (r) => {
    if (r.url().startsWith(callback) && !callbackUrl) callbackUrl = r.url();
  });
  await partner.goto(`/registrations/${id}`);
  await partner.getByRole("button", { name: "Test connection", exact: true }).click();
  await partner.getByLabel("Password").fill("sandbox-demo-2026");
  await partner.getByRole("button", { name: "Sign in" }).click();
  await partner.getByRole("button", { name: "Allow" }).click();
  await expect(partner).toHaveURL(/\/test-runs\/[0-9a-f-]{36}/);
  expect(callbackUrl).toContain("state=");

  const replay = await partner.goto(callbackUrl);
  expect(replay?.status()).toBeLessThan(500);
  await expect(partner.getByText(/already been used|already used|replay/i).first()).toBeVisible();

  const forged = await partner.goto(`${callback}?code=abc&state=forged-state-value`);
  expect(forged?.status()).toBeLessThan(500);
  await expect(partner.getByRole("heading", { name: "This callback does not belong to a test run" })).toBeVisible();

  const missing = await partner.goto(`${callback}`);
  expect(missing?.status()).toBeLessThan(500);
  await partnerContext.close();
});
