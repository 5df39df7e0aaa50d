import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { startPortal, type Portal } from "./support/portal-server";

// The embedded authorization server in a real deployment (APP_ENV=production), in two portals
// started here next to the suite's own: one with SANDBOX_USERS (the sandbox signs in only
// those users and never prints a credential), one with only OAUTH_ISSUER (the embedded server
// is off: /oidc and /sandbox answer 404).

const BASE_PORT = Number(process.env.E2E_PORT ?? 3200);
const DEMO = { email: "alex@demo-company.example", password: "sandbox-demo-2026" };
const TESTER = { email: "tess@partner-sandbox.example", name: "Tess Tester", password: "configured-password-1" };
const IAT = "e2e-production-initial-access-token";
const REDIRECT = "https://client.example/callback";
const PRODUCTION = {
  APP_ENV: "production",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  SMTP_URL: "smtp://127.0.0.1:9",
};

let withUsers: Portal;
let off: Portal;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  [withUsers, off] = await Promise.all([
    startPortal(BASE_PORT + 10, { ...PRODUCTION, SANDBOX_USERS: JSON.stringify([TESTER]), OAUTH_INITIAL_ACCESS_TOKEN: IAT }),
    startPortal(BASE_PORT + 11, { ...PRODUCTION, OAUTH_ISSUER: "https://login.platform.example.test", OAUTH_INITIAL_ACCESS_TOKEN: IAT }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([withUsers?.stop(), off?.stop()]);
});

test("with SANDBOX_USERS the sandbox sign-in shows no credentials and admits only the configured users", async ({ page, request }) => {
  const registered = await request.post(`${withUsers.url}/oidc/oauth/register`, {
    headers: { Authorization: `Bearer ${IAT}` },
    data: { client_name: "Production Sandbox Client", redirect_uris: [REDIRECT], scope: "openid users:read", pkce_supported: true },
  });
  expect(registered.status()).toBe(201);
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${withUsers.url}/oidc/oauth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: "openid users:read",
    state: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }))
    authorize.searchParams.set(k, v);
  await page.route("https://client.example/**", (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "client callback" }));

  await page.goto(authorize.href);
  await expect(page.getByRole("heading", { name: "Sign in to the sandbox" })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("");
  const html = await page.content();
  for (const leak of [DEMO.password, DEMO.email, "demo-company", "Sandbox users:", TESTER.email, TESTER.password]) expect(html).not.toContain(leak);
  await expectAccessible(page);

  await page.getByLabel("E-mail").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That e-mail and password do not match a sandbox user.")).toBeVisible();
  expect(await page.content()).not.toContain(DEMO.password);

  await page.getByLabel("E-mail").fill(TESTER.email);
  await page.getByLabel("Password").fill(TESTER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow access?" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/^https:\/\/client\.example\/callback\?code=/);
});

test("with only OAUTH_ISSUER the embedded server is off: /oidc and /sandbox answer 404", async ({ page, request }) => {
  for (const path of ["/oidc/.well-known/openid-configuration", "/oidc/oauth/authorize?client_id=x", "/sandbox/v1/users/me"]) {
    expect((await request.get(`${off.url}${path}`)).status(), path).toBe(404);
  }
  expect(
    (await request.post(`${off.url}/oidc/oauth/register`, { headers: { Authorization: `Bearer ${IAT}` }, data: { redirect_uris: [REDIRECT] } })).status(),
  ).toBe(404);
  expect((await request.post(`${off.url}/sandbox/interaction/abcdefghijklmnop/login`, { form: DEMO })).status()).toBe(404);

  const response = await page.goto(`${off.url}/sandbox/interaction/abcdefghijklmnop`);
  expect(response?.status()).toBe(404);
  const html = await page.content();
  await expect(page.getByRole("heading", { name: /This page does not exist/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found/);
  for (const leak of [DEMO.password, DEMO.email, "Sign in to"]) expect(html).not.toContain(leak);
  await expectAccessible(page);
});
