import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as callbackRoute } from "@/app/api/test-connection/callback/route";
import { getCurrentUser } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { clientMetadata, deleteClient, registerClient } from "@/lib/oauth/provisioning";
import type { TestClient } from "@/lib/test-connection/client";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import { createPkcePair } from "@/lib/test-connection/pkce";
import type { Step } from "@/lib/test-connection/types";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { startEmbeddedServer, type EmbeddedServer } from "../support/embedded-server";
import { startExternalIssuer } from "../support/external-issuer";
import { completeAuthorization } from "../support/oauth-browserless";
import { oauthRequests, type RegisteredClient } from "../support/oauth-requests";
import { draftRegistration, organizationWithMember, type Org } from "./review-support";

// OAuth attacks against Test connection and the embedded authorization server: one describe
// block per threat, each attack refused with the right protocol error and nothing issued.
// Everything is real: oidc-provider with the portal's configuration and handlers on a loopback
// port (tests/support/embedded-server.ts), clients provisioned through RFC 7591 as approval
// does, sign-in and consent through the sandbox's own actions, the database. "Expired" is set
// on the stored rows, never waited for.

// Only the session is stood in for, so the callback route can be called as a signed-in member.
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: vi.fn(), isMember: () => true, isAdmin: () => false }));

withTestDatabase();
const ALEX = "alex@demo-company.example";
const SAM = "sam@demo-company.example";

let server: EmbeddedServer;
let o: ReturnType<typeof oauthRequests>;
let org: Org;
let registrationId: string;
let callbackUri: string;

beforeAll(async () => {
  server = await startEmbeddedServer();
  o = oauthRequests(server);
  callbackUri = `${server.appUrl}/api/test-connection/callback`;
  org = await organizationWithMember();
  registrationId = await draftRegistration(org, valid({ redirectUris: [callbackUri], scopes: ["users:read"] }));
});
afterAll(async () => {
  await server?.close();
});

const rows = async (type: string) => (await db()).oidcPayload.count({ where: { type } });

// Test connection runs: started by the member, with the portal's own callback.
const testConnectionClient = async (): Promise<TestClient & { provisioned: RegisteredClient }> => {
  const provisioned = await o.provision("confidential", { redirectUris: [callbackUri] });
  return {
    issuer: server.issuer,
    clientId: provisioned.clientId,
    tokenEndpointAuthMethod: "client_secret_basic",
    clientSecret: provisioned.clientSecret!,
    provisioned,
  };
};

async function startTest(client: TestClient, userId = org.member.id) {
  const { clientSecret: _secret, ...publicPart } = client;
  const started = await startRun({ registrationId, userId, client: publicPart, redirectUri: callbackUri, scopes: ["users:read"] });
  if (!started.ok) throw new Error(`startRun failed: ${started.problem}`);
  return { ...started, state: new URL(started.authorizationUrl).searchParams.get("state")! };
}

/** GET /api/test-connection/callback as this user, the way the browser comes back. */
async function callbackAs(user: Org["member"], callbackUrl: string) {
  vi.mocked(getCurrentUser).mockResolvedValue({ ...user, membership: null } as never);
  const response = await callbackRoute(new NextRequest(callbackUrl), { params: Promise.resolve({}) });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

const run = async (id: string) => {
  const row = await (await db()).testRun.findUniqueOrThrow({ where: { id }, select: { status: true, steps: true, usedAt: true, completedAt: true } });
  const steps = row.steps as Step[];
  return { ...row, steps, step: (id: Step["id"]) => steps.find((s) => s.id === id) };
};

describe("Test connection: a replayed state", () => {
  it("refuses the second callback with outcome replayed; the run keeps its result and nothing more is issued", async () => {
    const client = await testConnectionClient();
    const started = await startTest(client);
    const callbackUrl = await completeAuthorization(started.authorizationUrl, { login: ALEX, kind: "portal-sandbox" });
    const first = await completeRun({ callbackUrl, userId: org.member.id, client });
    expect(first).toEqual({ outcome: "completed", runId: started.runId, registrationId, status: "passed" });
    const before = { run: await run(started.runId), tokens: await rows("AccessToken") };

    expect(await completeRun({ callbackUrl, userId: org.member.id, client })).toEqual({ outcome: "replayed", runId: started.runId, registrationId });
    expect(await callbackAs(org.member, callbackUrl)).toMatchObject({
      status: 303,
      location: `/registrations/${registrationId}/test-runs/${started.runId}?notice=replayed`,
    });
    const after = await run(started.runId);
    expect(after.status).toBe("passed");
    expect(after.steps).toEqual(before.run.steps);
    expect(await rows("AccessToken")).toBe(before.tokens);
  });
});

describe("Test connection: another user's state (login CSRF)", () => {
  it("refuses a callback carrying another member's state with state_other_user, leaving that run unused", async () => {
    const client = await testConnectionClient();
    const attacker = await organizationWithMember();
    // The attacker starts a run, signs in at the sandbox as themself, and sends the victim the callback.
    const started = await startTest(client, attacker.member.id);
    const callbackUrl = await completeAuthorization(started.authorizationUrl, { login: SAM, kind: "portal-sandbox" });
    const tokens = await rows("AccessToken");

    expect(await completeRun({ callbackUrl, userId: org.member.id, client })).toEqual({ outcome: "rejected", problem: "state_other_user" });
    const page = await callbackAs(org.member, callbackUrl);
    expect(page.status).toBe(403);
    expect(page.body).toContain("This test was started by someone else");
    expect((await run(started.runId)).usedAt).toBeNull();
    expect(await o.codeUsed(new URL(callbackUrl).searchParams.get("code")!)).toBe(false);
    expect(await rows("AccessToken")).toBe(tokens);
  });
});

describe("Test connection: an expired state", () => {
  it("refuses a callback after the run's time limit with outcome expired; the code is never exchanged", async () => {
    const client = await testConnectionClient();
    const started = await startTest(client);
    const callbackUrl = await completeAuthorization(started.authorizationUrl, { login: ALEX, kind: "portal-sandbox" });
    await (await db()).testRun.update({ where: { id: started.runId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const tokens = await rows("AccessToken");

    expect(await callbackAs(org.member, callbackUrl)).toMatchObject({
      status: 303,
      location: `/registrations/${registrationId}/test-runs/${started.runId}?notice=expired`,
    });
    expect((await run(started.runId)).status).toBe("expired");
    expect(await o.codeUsed(new URL(callbackUrl).searchParams.get("code")!)).toBe(false);
    expect(await rows("AccessToken")).toBe(tokens);
  });
});

describe("authorization code injection", () => {
  it("refuses a code issued to another client with invalid_grant", async () => {
    const [victim, attacker] = [await o.provision(), await o.provision()];
    const { code, verifier } = await o.authorize(victim);
    const tokens = await rows("AccessToken");
    const response = await o.exchange(attacker, code, verifier, victim.redirectUri);
    expect(response).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await rows("AccessToken")).toBe(tokens);
  });

  it("refuses a code redeemed with another PKCE verifier with invalid_grant", async () => {
    const client = await o.provision();
    const { code } = await o.authorize(client);
    const other = await createPkcePair();
    const tokens = await rows("AccessToken");
    expect(await o.exchange(client, code, other.verifier)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await rows("AccessToken")).toBe(tokens);
  });

  it.each([
    ["the same client, with another PKCE challenge", false],
    ["another client", true],
  ])("refuses, in Test connection, a code obtained by an attacker for %s: the run fails with invalid_grant", async (_what, otherClient) => {
    const client = await testConnectionClient();
    const started = await startTest(client);
    // The attacker's own authorization request, with their own PKCE pair, carried into the victim's callback.
    const attackerClient = otherClient ? await o.provision("confidential", { redirectUris: [callbackUri] }) : client.provisioned;
    const injected = await o.authorize(attackerClient, {}, SAM);
    const callbackUrl = `${callbackUri}?${new URLSearchParams({ code: injected.code, state: started.state, iss: server.issuer })}`;
    const tokens = await rows("AccessToken");

    expect(await completeRun({ callbackUrl, userId: org.member.id, client })).toMatchObject({ outcome: "completed", status: "failed" });
    const stored = await run(started.runId);
    expect(stored.status).toBe("failed");
    expect(stored.step("token_exchange")).toMatchObject({ status: "failed", explanation: { code: "invalid_grant" } });
    expect(stored.step("token_exchange")?.http?.response?.status).toBe(400);
    expect(stored.step("api_call")?.status).toBe("skipped");
    expect(await rows("AccessToken")).toBe(tokens);
  });
});

describe("PKCE downgrade", () => {
  it("refuses code_challenge_method=plain with invalid_request, before any sign-in", async () => {
    const client = await o.provision();
    const interactions = await rows("Interaction");
    const { url } = await o.authorizationRequest(client, { code_challenge_method: "plain", code_challenge: "a".repeat(43) });
    const hop = await o.firstHop(url);
    expect(hop.status).toBe(303);
    expect(hop.location?.origin + hop.location!.pathname).toBe(client.redirectUri);
    expect(hop.location?.searchParams.get("error")).toBe("invalid_request");
    expect(hop.location?.searchParams.get("error_description")).toMatch(/code_challenge_method/);
    expect(await rows("Interaction")).toBe(interactions);
  });

  it.each(["confidential", "public_spa", "public_native"] as const)(
    "refuses a %s client's authorization request without PKCE with invalid_request",
    async (type) => {
      const client = await o.provision(type);
      const interactions = await rows("Interaction");
      const hop = await o.firstHop((await o.authorizationRequest(client, { code_challenge: undefined, code_challenge_method: undefined })).url);
      expect(hop.location?.searchParams.get("error")).toBe("invalid_request");
      expect(hop.location?.searchParams.get("error_description")).toMatch(/requires PKCE/);
      expect(await rows("Interaction")).toBe(interactions);
    },
  );

  it("refuses a token request without the code_verifier with invalid_grant", async () => {
    const client = await o.provision();
    const { code } = await o.authorize(client);
    expect(await o.exchange(client, code, undefined)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  const exception = { pkceSupport: "not_supported", pkceExceptionReason: "Legacy server stack cannot send PKCE until Q3." } as const;

  it("refuses a public client that claims the PKCE exception (pkce_supported false) with invalid_request", async () => {
    const spa = await o.provision("public_spa", exception);
    const hop = await o.firstHop((await o.authorizationRequest(spa, { code_challenge: undefined, code_challenge_method: undefined })).url);
    expect(hop.location?.searchParams.get("error")).toBe("invalid_request");
  });

  it("lets in without PKCE only a confidential client with a reviewer-approved exception (the one allowed case)", async () => {
    const confidential = await o.provision("confidential", exception);
    const { code } = await o.authorize(confidential, { code_challenge: undefined, code_challenge_method: undefined });
    expect(await o.exchange(confidential, code, undefined)).toMatchObject({ status: 200, body: { token_type: "Bearer" } });
  });

  it("refuses registration metadata with a pkce_supported that is not a boolean with invalid_client_metadata", async () => {
    const clients = await rows("Client");
    const metadata = { ...clientMetadata(valid(), "staging", null), pkce_supported: "false" };
    const response = await fetch(`${server.issuer}/oauth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${server.initialAccessToken}` },
      body: JSON.stringify(metadata),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_client_metadata", error_description: "pkce_supported must be true or false" });
    expect(await rows("Client")).toBe(clients);
  });
});

describe("redirect_uri manipulation", () => {
  const attempts: [string, string][] = [
    ["a longer path (prefix match)", "https://client.example/callback/evil"],
    ["a shorter path", "https://client.example/call"],
    ["an added query", "https://client.example/callback?next=https://evil.example"],
    ["a trailing slash", "https://client.example/callback/"],
    ["the registered host as a prefix of another host", "https://client.example.evil.example/callback"],
    ["another host ending in the registered host (suffix match)", "https://evilclient.example/callback"],
    ["userinfo pointing at another host", "https://client.example@evil.example/callback"],
    ["userinfo before the registered host", "https://evil@client.example/callback"],
    ["a fragment", "https://client.example/callback#evil"],
    ["a percent-encoded path", "https://client.example/%63allback"],
    ["an encoded path traversal", "https://client.example/callback%2F..%2Fevil"],
    ["another case in the host", "https://CLIENT.example/callback"],
    ["another case in the path", "https://client.example/Callback"],
    ["another port", "https://client.example:8443/callback"],
    ["the default port spelled out", "https://client.example:443/callback"],
    ["http instead of https", "http://client.example/callback"],
  ];

  let client: RegisteredClient;
  beforeAll(async () => {
    client = await o.provision();
  });

  it.each(attempts)("refuses a redirect_uri with %s with invalid_redirect_uri, without redirecting", async (_what, redirectUri) => {
    const interactions = await rows("Interaction");
    const hop = await o.firstHop((await o.authorizationRequest(client, { redirect_uri: redirectUri })).url);
    expect(hop.status).toBe(400);
    expect(hop.location).toBeNull();
    expect(hop.body).toContain("invalid_redirect_uri");
    expect(await rows("Interaction")).toBe(interactions);
  });

  it("refuses another port on a loopback redirect_uri of a web (non-native) client with invalid_redirect_uri", async () => {
    const spa = await o.provision("public_spa", { redirectUris: ["http://127.0.0.1:8080/callback"] });
    const hop = await o.firstHop((await o.authorizationRequest(spa, { redirect_uri: "http://127.0.0.1:9090/callback" })).url);
    expect(hop.status).toBe(400);
    expect(hop.body).toContain("invalid_redirect_uri");
  });

  it("refuses a native client's loopback redirect_uri on another host or path (any port is allowed, RFC 8252 7.3)", async () => {
    const native = await o.provision("public_native");
    expect((await o.firstHop((await o.authorizationRequest(native, { redirect_uri: "http://127.0.0.1:51234/callback" })).url)).location?.pathname).toMatch(
      /^\/sandbox\/interaction\//,
    );
    for (const redirectUri of ["http://localhost:51234/callback", "http://127.0.0.1:51234/other", "http://evil@127.0.0.1:51234/callback"]) {
      const hop = await o.firstHop((await o.authorizationRequest(native, { redirect_uri: redirectUri })).url);
      expect(hop.status, redirectUri).toBe(400);
      expect(hop.body).toContain("invalid_redirect_uri");
    }
  });

  it("refuses a token request with another redirect_uri than the authorization request's with invalid_grant", async () => {
    const twoUris = await o.provision("confidential", { redirectUris: ["https://client.example/callback", "https://client.example/other"] });
    const { code, verifier } = await o.authorize(twoUris);
    expect(await o.exchange(twoUris, code, verifier, "https://client.example/other")).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});

describe("mix-up: the callback's iss (RFC 9207)", () => {
  it.each([
    ["another issuer", "https://evil.example/oidc"],
    ["no iss at all (the server advertises it)", null],
  ])("refuses a callback with %s with issuer_mismatch; the code is never sent to the token endpoint", async (_what, iss) => {
    const client = await testConnectionClient();
    const started = await startTest(client);
    const genuine = new URL(await completeAuthorization(started.authorizationUrl, { login: ALEX, kind: "portal-sandbox" }));
    expect(genuine.searchParams.get("iss")).toBe(server.issuer);
    if (iss === null) genuine.searchParams.delete("iss");
    else genuine.searchParams.set("iss", iss);
    const tokens = await rows("AccessToken");

    expect(await completeRun({ callbackUrl: genuine.href, userId: org.member.id, client })).toMatchObject({ outcome: "completed", status: "failed" });
    const stored = await run(started.runId);
    expect(stored.step("callback")).toMatchObject({ status: "failed", explanation: { code: "issuer_mismatch" } });
    expect(stored.step("token_exchange")?.status).toBe("skipped");
    expect(await o.codeUsed(genuine.searchParams.get("code")!)).toBe(false);
    expect(await rows("AccessToken")).toBe(tokens);
  });
});

describe("refresh token replay", () => {
  it("refuses a public client's refresh token reused after rotation with invalid_grant, and revokes the whole grant", async () => {
    const client = await o.provision("public_spa");
    const { code, verifier } = await o.authorize(client);
    const first = await o.exchange(client, code, verifier);
    expect(first.status).toBe(200);
    const rotated = await o.tokenRequest(client, { grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await o.callApi(rotated.body.access_token)).status).toBe(200);

    const replay = await o.tokenRequest(client, { grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(replay).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    // Reuse means the token leaked: the legitimate holder's newer tokens stop working too.
    expect(await o.tokenRequest(client, { grant_type: "refresh_token", refresh_token: rotated.body.refresh_token })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
    expect((await o.callApi(rotated.body.access_token)).status).toBe(401);
  });
});

describe("sandbox API: tokens it must not accept", () => {
  let client: RegisteredClient;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    client = await o.provision();
    const { code, verifier } = await o.authorize(client);
    tokens = (await o.exchange(client, code, verifier)).body;
  });

  const expectInvalidToken = async (response: Response) => {
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="sandbox", error="invalid_token"/);
    expect(await response.json()).toMatchObject({ error: "invalid_token" });
  };

  it("accepts the genuine access token (the control for the cases below)", async () => {
    expect((await o.callApi(tokens.access_token)).status).toBe(200);
  });

  it("refuses an ID token used as a bearer token with invalid_token", async () => {
    expect(tokens.id_token).toMatch(/^ey/);
    await expectInvalidToken(await o.callApi(tokens.id_token));
  });

  it("refuses a refresh token used as a bearer token with invalid_token", async () => {
    await expectInvalidToken(await o.callApi(tokens.refresh_token));
  });

  it("refuses another issuer's access token with invalid_token", async () => {
    const external = await startExternalIssuer();
    try {
      const metadata = clientMetadata(valid({ redirectUris: ["https://client.example/callback"] }), "staging", null);
      const registered = await registerClient(external.issuer, external.initialAccessToken, metadata);
      const foreign = await external.provider.Client.find(registered.clientId);
      const token = await new external.provider.AccessToken({
        accountId: "sandbox-user-alex",
        client: foreign!,
        scope: "openid users:read",
        grantId: "external-grant",
        gty: "authorization_code",
      }).save();
      await expectInvalidToken(await o.callApi(token));
    } finally {
      await external.close();
    }
  });

  it("refuses an expired access token with invalid_token (stored expiry, then the token's own exp)", async () => {
    const { code, verifier } = await o.authorize(client);
    const token = (await o.exchange(client, code, verifier)).body.access_token!;
    const stored = await server.provider.AccessToken.find(token);
    const key = { type: "AccessToken", grantId: String(stored!.grantId) };
    expect((await o.callApi(token)).status).toBe(200);

    const prisma = await db();
    await prisma.oidcPayload.updateMany({ where: key, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectInvalidToken(await o.callApi(token));

    const row = await prisma.oidcPayload.findFirstOrThrow({ where: key, select: { id: true, payload: true } });
    const payload = { ...(row.payload as Record<string, unknown>), exp: Math.floor(Date.now() / 1000) - 60 };
    await prisma.oidcPayload.update({ where: { type_id: { type: "AccessToken", id: row.id } }, data: { payload, expiresAt: new Date(Date.now() + 3600_000) } });
    await expectInvalidToken(await o.callApi(token));
  });

  it("refuses a revoked client's access token with invalid_token at once", async () => {
    const revoked = await o.provision();
    const { code, verifier } = await o.authorize(revoked);
    const token = (await o.exchange(revoked, code, verifier)).body.access_token!;
    expect((await o.callApi(token)).status).toBe(200);
    await deleteClient(revoked.registrationClientUri!, revoked.registrationAccessToken!);
    await expectInvalidToken(await o.callApi(token));
  });
});

describe("dynamic registration (RFC 7591) without the initial access token", () => {
  // RFC 6750 3.1: no credentials get a bare challenge; wrong ones get invalid_token; another scheme is a malformed request.
  it.each([
    ["a request without an Authorization header", 401, "invalid_token", undefined, /^Bearer realm="[^"]+"$/],
    ["a wrong initial access token", 401, "invalid_token", "Bearer not-the-initial-access-token", /^Bearer realm="[^"]+", error="invalid_token"/],
    ["another authentication scheme (Basic)", 400, "invalid_request", `Basic ${Buffer.from("portal:secret").toString("base64")}`, null],
  ] as const)("refuses %s with %i %s and creates no client", async (_what, status, error, authorization, challenge) => {
    const clients = await rows("Client");
    const response = await fetch(`${server.issuer}/oauth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(clientMetadata(valid(), "staging", null)),
    });
    expect(response.status).toBe(status);
    if (challenge) expect(response.headers.get("www-authenticate")).toMatch(challenge);
    expect(await response.json()).toMatchObject({ error });
    expect(await rows("Client")).toBe(clients);
  });
});

describe("registration management (RFC 7592) with another client's registration access token", () => {
  it("refuses reading or deleting a client with a wrong or another client's token with 401 invalid_token", async () => {
    const [victim, attacker] = [await o.provision(), await o.provision()];
    for (const token of ["not-a-registration-access-token", attacker.registrationAccessToken!]) {
      for (const method of ["GET", "DELETE"]) {
        const response = await fetch(victim.registrationClientUri!, { method, headers: { Authorization: `Bearer ${token}` } });
        expect(response.status, `${method} with ${token.slice(0, 8)}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: "invalid_token" });
      }
    }
    expect(await server.provider.Client.find(victim.clientId)).toBeDefined();
  });
});
