import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clientMetadata, registerClient, type ProvisionedClient } from "@/lib/oauth/provisioning";
import { clearMetadataCache, type TestClient } from "@/lib/test-connection/client";
import { explain } from "@/lib/test-connection/explanations";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import type { Step } from "@/lib/test-connection/types";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { startExternalIssuer, type ExternalIssuer } from "../support/external-issuer";
import { completeAuthorization } from "../support/oauth-browserless";
import { draftRegistration, organizationWithMember, type Org } from "./review-support";

// Test connection against a separately configured authorization server (OAUTH_ISSUER): a real
// oidc-provider with its development sign-in and consent pages, a client registered there with
// RFC 7591, and startRun / completeRun driving the flow with that issuer and client. The human
// steps are done without a browser (tests/support/oauth-browserless.ts).

withTestDatabase();
const APP_URL = "http://localhost:3995";
const REDIRECT = `${APP_URL}/api/test-connection/callback`;
let external: ExternalIssuer;
let org: Org;
let registrationId: string;
let userinfoEndpoint: string;

// Every value the flow must never store: what the token endpoint sent back, and what was sent to it.
const realFetch = globalThis.fetch;
const seen: { tokens: string[]; verifiers: string[] } = { tokens: [], verifiers: [] };
function watchFetch() {
  globalThis.fetch = async (input, init) => {
    if (init?.body instanceof URLSearchParams && init.body.get("code_verifier")) seen.verifiers.push(init.body.get("code_verifier")!);
    const response = await realFetch(input, init);
    if (response.headers.get("content-type")?.includes("json")) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as Record<string, unknown> | null;
      for (const key of ["access_token", "refresh_token", "id_token"]) if (typeof body?.[key] === "string") seen.tokens.push(body[key] as string);
    }
    return response;
  };
}

beforeAll(async () => {
  external = await startExternalIssuer();
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "test-connection-external-"));
  process.env.APP_URL = APP_URL;
  process.env.OAUTH_ISSUER = external.issuer;
  process.env.OAUTH_INITIAL_ACCESS_TOKEN = external.initialAccessToken;
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  clearMetadataCache();
  watchFetch();
  org = await organizationWithMember();
  registrationId = await draftRegistration(org, valid({ redirectUris: [REDIRECT], scopes: ["users:read"] }));
  const discovery = (await (await realFetch(`${external.issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string };
  userinfoEndpoint = discovery.userinfo_endpoint;
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  delete process.env.OAUTH_ISSUER;
  delete process.env.OAUTH_INITIAL_ACCESS_TOKEN;
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  clearMetadataCache();
  await external?.close();
});

/** A client registered at the external issuer as the portal provisions one (openid + users:read). */
async function provision(clientType: "confidential" | "public_spa"): Promise<ProvisionedClient> {
  const data = valid({ redirectUris: [REDIRECT], scopes: ["users:read"], clientType });
  return registerClient(external.issuer, external.initialAccessToken, clientMetadata(data, "staging", null));
}

const stored = async (id: string) =>
  (await db()).testRun.findUniqueOrThrow({ where: { id }, select: { status: true, steps: true, oneTimeSecretEnc: true, codeVerifierEnc: true } });
const byId = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.id, s])) as Record<Step["id"], Step>;

/** startRun, then sign-in and consent at the dev pages, then completeRun with `secret`. */
async function runWith(provisioned: ProvisionedClient, method: TestClient["tokenEndpointAuthMethod"], secret?: string) {
  const client = { issuer: external.issuer, clientId: provisioned.clientId, tokenEndpointAuthMethod: method };
  const started = await startRun({ registrationId, userId: org.member.id, client, redirectUri: REDIRECT, scopes: ["users:read"] });
  if (!started.ok) throw new Error(`startRun failed: ${started.problem}`);
  const callbackUrl = await completeAuthorization(started.authorizationUrl, { login: "partner-developer", kind: "oidc-provider-dev" });
  const tokensBefore = seen.tokens.length;
  const result = await completeRun({ callbackUrl, userId: org.member.id, client: { ...client, clientSecret: secret } });
  const row = await stored(started.runId);
  return { started, callbackUrl, result, row, steps: row.steps as Step[], tokens: seen.tokens.slice(tokensBefore) };
}

describe("Test connection against a separately configured authorization server (external issuer mode)", () => {
  it("runs the whole flow with a confidential client: token exchange, userinfo, refresh; nothing secret stored", async () => {
    const provisioned = await provision("confidential");
    expect(provisioned.clientSecret).toBeTruthy();
    const secret = provisioned.clientSecret!;
    const { started, callbackUrl, result, row, steps, tokens } = await runWith(provisioned, "client_secret_basic", secret);

    const callback = new URL(callbackUrl);
    expect(callbackUrl.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(callback.searchParams.get("iss")).toBe(external.issuer);
    expect(callback.searchParams.get("state")).toBe(new URL(started.authorizationUrl).searchParams.get("state"));

    expect(result).toEqual({ outcome: "completed", runId: started.runId, registrationId, status: "passed" });
    expect(row).toMatchObject({ status: "passed", oneTimeSecretEnc: null, codeVerifierEnc: null });
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "authorization_request:passed",
      "consent:passed",
      "callback:passed",
      "token_exchange:passed",
      "api_call:passed",
      "refresh:passed",
    ]);
    const s = byId(steps);
    expect(s.authorization_request.scopes).toEqual({ requested: ["users:read", "openid"], granted: [] });
    expect(s.token_exchange.scopes?.requested).toEqual(["users:read", "openid"]);
    expect([...(s.token_exchange.scopes?.granted ?? [])].sort()).toEqual(["openid", "users:read"]);
    expect(s.token_exchange.summary).toMatch(/access token, an ID token, a refresh token/);
    expect(s.token_exchange.http?.response?.status).toBe(200);
    // External issuer + openid requested: the API step calls the server's userinfo endpoint.
    expect(s.api_call.summary).toBe("Called the server's userinfo endpoint with the access token.");
    expect(s.api_call.http?.request.url).toBe(userinfoEndpoint);
    expect(s.api_call.http?.response?.status).toBe(200);
    expect(s.refresh.http?.response?.status).toBe(200);
    expect(s.refresh.scopes?.granted.length).toBeGreaterThan(0);

    // Access, ID and refresh tokens from both grants; none of them, nor any secret, is stored.
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    const verifier = seen.verifiers.at(-1)!;
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    const json = JSON.stringify(steps);
    const basic = Buffer.from(`${encodeURIComponent(provisioned.clientId)}:${encodeURIComponent(secret)}`).toString("base64");
    for (const value of [secret, basic, callback.searchParams.get("code")!, callback.searchParams.get("state")!, verifier, ...tokens]) {
      expect(json).not.toContain(value);
    }
  });

  it("a wrong client secret ends in a failed token exchange with the invalid_client explanation", async () => {
    const provisioned = await provision("confidential");
    const wrong = "not-the-secret-0123456789abcdef";
    const run = runWith(provisioned, "client_secret_basic", wrong);
    await expect(run).resolves.toBeDefined();
    const { result, row, steps } = await run;
    expect(result).toMatchObject({ outcome: "completed", status: "failed" });
    expect(row.status).toBe("failed");
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "authorization_request:passed",
      "consent:passed",
      "callback:passed",
      "token_exchange:failed",
      "api_call:skipped",
      "refresh:skipped",
    ]);
    const exchange = byId(steps).token_exchange;
    expect(exchange.explanation).toMatchObject({ code: "invalid_client", fix: explain("invalid_client").fix });
    expect(exchange.explanation?.problem.startsWith(explain("invalid_client").problem)).toBe(true);
    expect(exchange.explanation?.problem).toContain("invalid_client: client authentication failed");
    expect(exchange.http?.response?.status).toBe(401);
    expect(JSON.stringify(steps)).not.toContain(wrong);
  });

  it("a public client (token_endpoint_auth_method none) passes without a secret", async () => {
    const provisioned = await provision("public_spa");
    expect(provisioned.clientSecret).toBeNull();
    expect((await external.provider.Client.find(provisioned.clientId))?.tokenEndpointAuthMethod).toBe("none");
    const { result, steps, tokens } = await runWith(provisioned, "none");
    expect(result).toMatchObject({ outcome: "completed", status: "passed" });
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "authorization_request:passed",
      "consent:passed",
      "callback:passed",
      "token_exchange:passed",
      "api_call:passed",
      "refresh:passed",
    ]);
    expect(byId(steps).token_exchange.http?.request.headers).not.toHaveProperty("authorization");
    const json = JSON.stringify(steps);
    for (const token of tokens) expect(json).not.toContain(token);
  });
});
