// Raw OAuth 2.0 requests against the embedded server (tests/support/embedded-server.ts), for
// tests that play the client, or an attacker, by hand: clients provisioned as approval does,
// authorization requests with any parameters, the browser's steps without a browser, token
// requests authenticated as a given client.
import { randomBytes } from "node:crypto";
import { clientMetadata, registerClient, type ProvisionedClient } from "@/lib/oauth/provisioning";
import type { ClientType, RegistrationData } from "@/lib/registration/fields";
import { createPkcePair } from "@/lib/test-connection/pkce";
import { valid } from "../unit/registration/fixtures";
import type { EmbeddedServer } from "./embedded-server";
import { completeAuthorization } from "./oauth-browserless";

export type RegisteredClient = ProvisionedClient & { redirectUri: string; type: ClientType };
export type Params = Record<string, string | undefined>;

const DEFAULT_REDIRECT: Record<ClientType, string> = {
  confidential: "https://client.example/callback",
  public_spa: "https://client.example/callback",
  public_native: "http://127.0.0.1/callback",
};

export function oauthRequests(server: EmbeddedServer) {
  /** A client created as approval creates one (RFC 7591 with the portal's metadata). */
  async function provision(type: ClientType = "confidential", overrides: Partial<RegistrationData> = {}): Promise<RegisteredClient> {
    const redirectUri = overrides.redirectUris?.[0] ?? DEFAULT_REDIRECT[type];
    const data = valid({ clientType: type, redirectUris: [redirectUri], scopes: ["users:read"], ...overrides });
    return { ...(await registerClient(server.issuer, server.initialAccessToken, clientMetadata(data, "staging", null))), redirectUri, type };
  }

  /** An authorization request: S256 PKCE and a state by default; `params` override them (undefined removes). */
  async function authorizationRequest(client: RegisteredClient, params: Params = {}) {
    const pkce = await createPkcePair();
    const url = new URL(`${server.issuer}/oauth/authorize`);
    const all: Params = {
      response_type: "code",
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: "openid users:read",
      state: randomBytes(16).toString("base64url"),
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      ...params,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
    return { url: url.href, verifier: pkce.verifier };
  }

  /** The server's first answer to a request (what the browser sees before following it). */
  async function firstHop(url: string) {
    const response = await fetch(url, { redirect: "manual" });
    const location = response.headers.get("location");
    return { status: response.status, location: location ? new URL(location, url) : null, body: await response.text() };
  }

  /** Sign-in and consent at the sandbox as `login` (default password: the demo users'): the code, its verifier and the whole callback. */
  async function authorize(client: RegisteredClient, params: Params = {}, login = "alex@demo-company.example", password?: string) {
    const request = await authorizationRequest(client, params);
    const redirectUri = params.redirect_uri ?? client.redirectUri;
    const callback = new URL(await completeAuthorization(request.url, { login, password, kind: "portal-sandbox", redirectUri }));
    const code = callback.searchParams.get("code");
    if (!code) throw new Error(`authorize: no code in ${callback.href}`);
    return { code, verifier: request.verifier, callback };
  }

  /** A token request as `client`: client_secret_basic, or client_id in the body for a public client. */
  async function tokenRequest(client: RegisteredClient, body: Params) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) if (v !== undefined) form.set(k, v);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (client.clientSecret) {
      headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`;
    } else form.set("client_id", client.clientId);
    const response = await fetch(`${server.issuer}/oauth/token`, { method: "POST", headers, body: form });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  const exchange = (client: RegisteredClient, code: string, verifier: string | undefined, redirectUri = client.redirectUri) =>
    tokenRequest(client, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri });

  /** Did the server mark this code as used (or forget it)? */
  async function codeUsed(code: string): Promise<boolean> {
    const stored = await server.provider.AuthorizationCode.find(code);
    return !stored || Boolean((stored as { consumed?: number }).consumed);
  }

  const callApi = (token: string | undefined, path = "/sandbox/v1/users/me") =>
    fetch(`${server.appUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  return { provision, authorizationRequest, firstHop, authorize, tokenRequest, exchange, codeUsed, callApi };
}
