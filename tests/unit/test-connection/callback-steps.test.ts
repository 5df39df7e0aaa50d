import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runCallbackSteps, type CallbackContext } from "@/lib/test-connection/callback-steps";
import { clearMetadataCache } from "@/lib/test-connection/client";
import { HttpRecorder } from "@/lib/test-connection/http-recorder";
import { createNonce, createPkcePair, createState } from "@/lib/test-connection/pkce";
import { Redactor } from "@/lib/test-connection/redact";
import type { Step } from "@/lib/test-connection/types";
import { CLIENT_ID, CLIENT_SECRET, startFakeServer, type FakeServer } from "./fake-oauth-server";

// The steps after the callback, against a small OAuth server on a loopback port: what each
// step records, how failures are explained, and that nothing secret survives in the steps.

const REDIRECT = "http://localhost:3000/api/test-connection/callback";
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
beforeEach(() => clearMetadataCache());

async function prepare(overrides: { scopes?: string[]; secret?: string; verifier?: string; params?: Record<string, string>; issuer?: string } = {}) {
  const scopes = overrides.scopes ?? ["users:read", "openid"];
  const pkce = await createPkcePair();
  const state = createState();
  const nonce = scopes.includes("openid") ? createNonce() : null;
  const code = server.issueCode({ challenge: pkce.challenge, redirectUri: REDIRECT, scope: scopes.join(" "), nonce: nonce ?? undefined });
  const secret = overrides.secret ?? CLIENT_SECRET;
  const issuer = overrides.issuer ?? server.issuer;
  const createdAt = new Date(Date.now() - 5000);
  const authStep: Step = { id: "authorization_request", title: "Authorization request", status: "passed", startedAt: createdAt.toISOString(), durationMs: 12 };
  const ctx: CallbackContext = {
    steps: [authStep],
    params: new URLSearchParams(overrides.params ?? { code, state, iss: server.issuer }),
    state,
    redirectUri: REDIRECT,
    requestedScopes: scopes,
    codeVerifier: overrides.verifier ?? pkce.verifier,
    nonce,
    createdAt,
    arrivedAt: new Date(),
    issuer,
    client: { issuer, clientId: CLIENT_ID, tokenEndpointAuthMethod: "client_secret_basic", clientSecret: secret },
    embedded: false,
    appUrl: "http://localhost:3000",
    recorder: new HttpRecorder(),
    redactor: new Redactor().add(secret, true),
    onUnexpected: vi.fn(),
  };
  return { ctx, code, state, verifier: pkce.verifier, secret };
}

const byId = (steps: Step[], id: Step["id"]) => steps.find((s) => s.id === id)!;

describe("a successful run", () => {
  it("passes every step, in order, with HTTP exchanges, decoded claims and scopes", async () => {
    const { ctx } = await prepare();
    const steps = ctx.redactor.scrub(await runCallbackSteps(ctx));
    expect(steps.map((s) => [s.id, s.status])).toEqual([
      ["authorization_request", "passed"],
      ["consent", "passed"],
      ["callback", "passed"],
      ["token_exchange", "passed"],
      ["api_call", "passed"],
      ["refresh", "passed"],
    ]);
    const token = byId(steps, "token_exchange");
    expect(token.http?.request.method).toBe("POST");
    expect(token.http?.response?.status).toBe(200);
    expect(token.scopes).toEqual({ requested: ["users:read", "openid"], granted: ["users:read", "openid"] });
    const id = token.tokens?.find((t) => t.label === "ID token");
    expect(id?.header.alg).toBe("RS256");
    expect(id?.payload.sub).toBe("user-42");
    expect(JSON.stringify(token.tokens)).not.toMatch(/signature/i);
    expect(byId(steps, "api_call").http?.request.url).toBe(`${server.issuer}/oauth/userinfo`);
    expect(byId(steps, "refresh").summary).toMatch(/rotation/);
    expect(byId(steps, "consent").durationMs).toBeGreaterThanOrEqual(4000);
    expect(ctx.onUnexpected).not.toHaveBeenCalled();
  });

  it("stores no secret, token, code or verifier (JSON of the steps)", async () => {
    const { ctx, code, state, verifier, secret } = await prepare();
    const before = server.issued.length;
    const raw = await runCallbackSteps(ctx);
    const stored = JSON.stringify(ctx.redactor.scrub(raw));
    const issuedNow = server.issued.slice(before - 1); // includes this run's code
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    for (const value of [secret, verifier, code, state, basic, ...issuedNow]) {
      expect(stored).not.toContain(value);
    }
    // The name-based layer alone already hides them; the value-based scrub is the backstop.
    const nameLayerOnly = JSON.stringify(raw);
    for (const value of [secret, verifier, basic, ...issuedNow.filter((t) => !t.includes("."))]) {
      expect(nameLayerOnly).not.toContain(value);
    }
    expect(stored).toContain("[redacted]");
    expect(stored).toContain(`"authorization":"Basic [redacted]"`);
  });

  it("skips the API call with a reason when nothing can be called", async () => {
    const { ctx } = await prepare({ scopes: ["users:read"] });
    const steps = await runCallbackSteps(ctx);
    const api = byId(steps, "api_call");
    expect(api.status).toBe("skipped");
    expect(api.summary).toMatch(/no api to call/i);
  });
});

describe("failures, each explained", () => {
  it("a wrong client secret is invalid_client", async () => {
    const { ctx } = await prepare({ secret: "not-the-right-secret-at-all" });
    const steps = await runCallbackSteps(ctx);
    const token = byId(steps, "token_exchange");
    expect(token.status).toBe("failed");
    expect(token.explanation?.code).toBe("invalid_client");
    expect(token.http?.response?.status).toBe(401);
    expect(["api_call", "refresh"].map((id) => byId(steps, id as Step["id"]).status)).toEqual(["skipped", "skipped"]);
  });

  it("a PKCE verifier that does not match is invalid_grant", async () => {
    const other = await createPkcePair();
    const { ctx } = await prepare({ verifier: other.verifier });
    const token = byId(await runCallbackSteps(ctx), "token_exchange");
    expect(token.explanation?.code).toBe("invalid_grant");
    expect(token.explanation?.problem).toMatch(/code_verifier/);
  });

  it("access_denied from the server fails the consent step", async () => {
    const { ctx } = await prepare({ params: { error: "access_denied", error_description: "End-User aborted interaction", state: "x", iss: "" } });
    ctx.params.set("state", ctx.state);
    ctx.params.set("iss", server.issuer);
    const steps = await runCallbackSteps(ctx);
    expect(byId(steps, "consent")).toMatchObject({ status: "failed", explanation: { code: "access_denied" } });
    expect(byId(steps, "token_exchange").status).toBe("skipped");
  });

  it("invalid_scope fails the authorization request, not the consent", async () => {
    const { ctx } = await prepare();
    ctx.params = new URLSearchParams({ error: "invalid_scope", state: ctx.state, iss: server.issuer });
    const steps = await runCallbackSteps(ctx);
    expect(byId(steps, "authorization_request")).toMatchObject({ status: "failed", explanation: { code: "invalid_scope" } });
    expect(byId(steps, "consent").status).toBe("skipped");
  });

  it("an iss from another server is refused (RFC 9207)", async () => {
    const { ctx } = await prepare();
    ctx.params.set("iss", "https://evil.example");
    const callback = byId(await runCallbackSteps(ctx), "callback");
    expect(callback).toMatchObject({ status: "failed", explanation: { code: "issuer_mismatch" } });
  });

  it("a callback without code is explained", async () => {
    const { ctx } = await prepare();
    ctx.params.delete("code");
    expect(byId(await runCallbackSteps(ctx), "callback").explanation?.code).toBe("code_missing");
  });

  it("a server that is down is server_unreachable", async () => {
    const { ctx } = await prepare({ issuer: "http://127.0.0.1:9" });
    ctx.params.delete("iss");
    const token = byId(await runCallbackSteps(ctx), "token_exchange");
    expect(token).toMatchObject({ status: "failed", explanation: { code: "server_unreachable" } });
    expect(token.http?.networkError).toBeTruthy();
  });

  it("no client secret on file is explained without calling the server", async () => {
    const { ctx } = await prepare();
    ctx.client = { problem: "secret_unavailable" };
    const token = byId(await runCallbackSteps(ctx), "token_exchange");
    expect(token).toMatchObject({ status: "failed", explanation: { code: "secret_unavailable" } });
    expect(ctx.recorder.exchanges).toHaveLength(0);
  });
});

describe("without a refresh token", () => {
  it("skips the refresh step with the reason", async () => {
    const noRefresh = await startFakeServer({ refresh: false });
    try {
      const { ctx } = await prepare({ issuer: noRefresh.issuer });
      // a code from the other server
      const pkce = await createPkcePair();
      ctx.codeVerifier = pkce.verifier;
      ctx.params = new URLSearchParams({
        code: noRefresh.issueCode({ challenge: pkce.challenge, redirectUri: REDIRECT, scope: "users:read openid", nonce: ctx.nonce! }),
        state: ctx.state,
        iss: noRefresh.issuer,
      });
      const refresh = byId(await runCallbackSteps(ctx), "refresh");
      expect(refresh).toMatchObject({ status: "skipped", explanation: { code: "no_refresh_token" } });
    } finally {
      await noRefresh.close();
    }
  });
});
