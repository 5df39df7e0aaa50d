// A second, separately configured authorization server for "external issuer" tests: plain
// oidc-provider with its default in-memory storage, dynamic registration behind an initial
// access token, and a login/consent that a test completes without a browser.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type ExternalIssuer = { issuer: string; initialAccessToken: string; provider: Provider; close(): Promise<void> };

/** `publicUrl`: the issuer's address when it is reached through something else (a proxy). */
export async function startExternalIssuer(publicUrl?: string): Promise<ExternalIssuer & { port: number }> {
  const initialAccessToken = "external-iat-for-tests";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = publicUrl ?? `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true, initialAccessToken },
      registrationManagement: { enabled: true },
      userinfo: { enabled: true },
    },
    scopes: ["openid", "offline_access", "users:read", "users:write", "export-jobs:read"],
    extraClientMetadata: { properties: ["settings_uri", "pkce_supported", "pkce_exception_reason", "subject_type_preference", "environment"] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: `${id}@external.example` }) }),
    claims: { openid: ["sub"], email: ["email"] },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    pkce: { required: () => true },
  });
  server.on("request", provider.callback());
  return { issuer, port, initialAccessToken, provider, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
