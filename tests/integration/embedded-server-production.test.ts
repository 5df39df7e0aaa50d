import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../support/db";
import { servePortalRoutes, startEmbeddedServer, type EmbeddedServer, type PortalRoutes } from "../support/embedded-server";
import { completeAuthorization } from "../support/oauth-browserless";
import { oauthRequests, type RegisteredClient } from "../support/oauth-requests";

// The embedded authorization server in a real deployment (APP_ENV=production): it runs only
// with SANDBOX_USERS, signs in only those users, and is otherwise off, its routes answering
// 404. The routes are the portal's own handlers on a loopback port (the sign-in page itself,
// a React page, is checked by e2e/sandbox-production.spec.ts).

withTestDatabase();

const VARS = [
  "APP_ENV",
  "AUTH_SECRET",
  "DATA_ENCRYPTION_KEY",
  "APP_URL",
  "SMTP_URL",
  "OAUTH_ISSUER",
  "OAUTH_INITIAL_ACCESS_TOKEN",
  "SANDBOX_USERS",
  "DATA_DIR",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
const PRODUCTION = {
  APP_ENV: "production",
  AUTH_SECRET: "p".repeat(32),
  DATA_ENCRYPTION_KEY: "0123456789abcdef".repeat(4),
  SMTP_URL: "smtp://127.0.0.1:9",
};
const TESTER = { email: "tess@partner-sandbox.example", name: "Tess Tester", password: "configured-password-1" };

function configure(vars: Partial<Record<(typeof VARS)[number], string>>) {
  for (const k of VARS) delete process.env[k];
  Object.assign(process.env, PRODUCTION, vars);
}

afterAll(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  (globalThis as { __portalOidcProvider?: unknown }).__portalOidcProvider = undefined;
});

describe("APP_ENV=production with OAUTH_ISSUER and no SANDBOX_USERS: the embedded server is off", () => {
  let routes: PortalRoutes;
  beforeAll(async () => {
    configure({ OAUTH_ISSUER: "https://login.platform.example.test", OAUTH_INITIAL_ACCESS_TOKEN: "platform-iat" });
    routes = await servePortalRoutes();
  });
  afterAll(async () => {
    await routes?.close();
  });

  it.each([
    ["GET", "/oidc/.well-known/openid-configuration"],
    ["GET", "/oidc/oauth/authorize?response_type=code&client_id=x&redirect_uri=https%3A%2F%2Fclient.example%2Fcb"],
    ["POST", "/oidc/oauth/token"],
    ["POST", "/oidc/oauth/register"],
    ["POST", "/sandbox/interaction/abcdefghijklmnop/login"],
    ["GET", "/sandbox/v1/users/me"],
    ["GET", "/sandbox/v1/export-jobs"],
  ])("answers %s %s with 404 and no credentials", async (method, route) => {
    const response = await fetch(`${routes.appUrl}${route}`, {
      method,
      redirect: "manual",
      headers: { Authorization: "Bearer some-token", "Content-Type": "application/x-www-form-urlencoded" },
      body: method === "POST" ? "email=alex%40demo-company.example&password=sandbox-demo-2026" : undefined,
    });
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "not_found" });
    expect(body).not.toMatch(/sandbox-demo-2026|demo-company/);
  });

  it("has no provider to hand out", async () => {
    const { getProvider } = await import("@/lib/oauth/provider");
    await expect(getProvider()).rejects.toThrow(/embedded authorization server is off/);
  });
});

describe("APP_ENV=production with SANDBOX_USERS: the embedded server signs in only those users", () => {
  let server: EmbeddedServer;
  let o: ReturnType<typeof oauthRequests>;
  let client: RegisteredClient;
  beforeAll(async () => {
    configure({ SANDBOX_USERS: JSON.stringify([TESTER]) });
    server = await startEmbeddedServer();
    o = oauthRequests(server);
    client = await o.provision();
  });
  afterAll(async () => {
    await server?.close();
  });

  const authorizationUrl = async () => (await o.authorizationRequest(client)).url;

  it("refuses the demo user with the demo password (the sign-in form comes back)", async () => {
    await expect(completeAuthorization(await authorizationUrl(), { login: "alex@demo-company.example", kind: "portal-sandbox" })).rejects.toThrow(
      /the login form came back after it was submitted/,
    );
  });

  it("signs in a configured user and issues a code for them", async () => {
    const callback = new URL(await completeAuthorization(await authorizationUrl(), { login: TESTER.email, password: TESTER.password, kind: "portal-sandbox" }));
    expect(callback.origin + callback.pathname).toBe(client.redirectUri);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("iss")).toBe(server.issuer);
  });

  it("refuses a user removed from SANDBOX_USERS at once: the sandbox API with invalid_token, the refresh with invalid_grant", async () => {
    const { code, verifier } = await o.authorize(client, {}, TESTER.email, TESTER.password);
    const tokens = (await o.exchange(client, code, verifier)).body;
    expect((await o.callApi(tokens.access_token)).status).toBe(200);

    process.env.SANDBOX_USERS = JSON.stringify([{ ...TESTER, email: "successor@partner-sandbox.example" }]);
    (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
    const response = await o.callApi(tokens.access_token);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect(await o.tokenRequest(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
  });
});
