import "server-only";
import { generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type Provider from "oidc-provider";
import type { Configuration, KoaContextWithOIDC } from "oidc-provider";
import { PortalOidcAdapter, readPreviousSecrets, readSigningKey, saveSigningKey } from "@/lib/db/oidc-adapter";
import { recordSecretUse, sha256Hex } from "@/lib/db/secret-usage";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { ALL_SCOPES } from "@/lib/registration/scopes";
import { deriveSecret } from "@/lib/security/crypto";
import { embeddedServerEnabled, findSandboxAccount } from "./sandbox-users";
import { TEST_CONNECTION_HEADER, isTestConnectionMarker } from "./test-connection-marker";

// The embedded staging authorization server: oidc-provider (an OpenID Certified library),
// mounted at APP_URL/oidc by pages/api/oidc/[[...path]].ts. Its policy follows the platform's
// published one: authorization code only, PKCE (S256) required for every client (a
// confidential one may have a reviewer-approved exception), client_secret_basic for
// confidential ones, exact redirect URIs (any port for loopback on native apps, RFC 8252 7.3),
// refresh tokens rotated for public clients, the scope catalogue, and dynamic registration
// (RFC 7591/7592) behind an initial access token.

export const OIDC_MOUNT = "/oidc";
export const embeddedIssuer = () => `${env().appUrl}${OIDC_MOUNT}`;

/** The initial access token for the embedded server's registration endpoint. */
export function embeddedInitialAccessToken(): string {
  return env().oauth.stagingInitialAccessToken && !env().oauth.stagingIssuer
    ? env().oauth.stagingInitialAccessToken!
    : deriveSecret("embedded-initial-access-token").toString("base64url");
}

/** The signing key, generated once and kept encrypted in the database. */
async function signingKeys(): Promise<Record<string, unknown>[]> {
  const stored = await readSigningKey();
  if (stored) return [stored];
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await saveSigningKey({ ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" });
  return signingKeys(); // another instance may have won the race: use the key that was kept
}

/** The SHA-256 (hex) of the previous secret this one is, while its grace period lasts; else undefined. */
function matchingPrevious(previous: unknown, actual: string): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const digest = Buffer.from(sha256Hex(actual), "hex");
  return readPreviousSecrets(previous).find((p) => {
    if (p.expires_at <= now) return false;
    const stored = Buffer.from(p.secret_sha256, "hex");
    return stored.length === digest.length && timingSafeEqual(stored, digest);
  })?.secret_sha256;
}

/**
 * A secret authenticated the client: at the token endpoint, remember when (lib/db/secret-usage.ts
 * throttles it to once a minute). Other endpoints that authenticate clients (revocation) do not
 * count. A failed write is logged and never fails the request.
 */
async function noteSecretUse(ctx: KoaContextWithOIDC | undefined, clientId: string, secretSha256: string) {
  if (ctx?.oidc?.route !== "token") return;
  const test = isTestConnectionMarker(ctx.get(TEST_CONNECTION_HEADER) || undefined);
  await recordSecretUse({ clientId, secretSha256, test }).catch((error: unknown) =>
    log.error("oidc.secret_use_not_recorded", { clientId, error: error instanceof Error ? error.message : String(error) }),
  );
}

async function createProvider(): Promise<Provider> {
  const { default: OidcProvider, errors } = await import("oidc-provider");
  const issuer = embeddedIssuer();
  const configuration: Configuration = {
    adapter: PortalOidcAdapter as unknown as Configuration["adapter"],
    jwks: { keys: await signingKeys() },
    cookies: { keys: [deriveSecret("oidc-cookies").toString("base64url")] },
    async findAccount(_ctx, id) {
      const account = findSandboxAccount(id);
      if (!account) return undefined;
      return {
        accountId: account.id,
        async claims() {
          return { sub: account.id, email: account.email, email_verified: true, name: account.name, company: account.company };
        },
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "company"] },
    scopes: ["openid", "offline_access", "email", "profile", ...ALL_SCOPES],
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "none"],
    clientDefaults: { grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" },
    // RFC 9700 2.1.1: confidential clients use PKCE too. The one way out is a PKCE exception
    // a reviewer approved: provisioning then registers the client with pkce_supported false.
    // Public clients never get out of it.
    pkce: {
      required: (_ctx, client) => client.tokenEndpointAuthMethod === "none" || (client as unknown as Record<string, unknown>)["pkce_supported"] !== false,
    },
    routes: {
      authorization: "/oauth/authorize",
      token: "/oauth/token",
      registration: "/oauth/register",
      userinfo: "/oauth/userinfo",
      jwks: "/oauth/jwks",
      revocation: "/oauth/revoke",
      end_session: "/oauth/logout",
    },
    features: {
      devInteractions: { enabled: false },
      registration: {
        enabled: true,
        initialAccessToken: embeddedInitialAccessToken(),
        idFactory: () => randomUUID(),
        // 30 hex characters, like the platform's own secrets.
        secretFactory: () => randomBytes(15).toString("hex"),
      },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
    extraClientMetadata: {
      properties: ["settings_uri", "pkce_supported", "pkce_exception_reason", "subject_type_preference", "environment", "previous_secrets"],
      validator(ctx, key, value) {
        // Rotation (lib/oauth/rotation.ts) writes previous_secrets directly to storage;
        // registration requests may not set it.
        if (key === "previous_secrets" && value !== undefined && ctx && /registration|client/.test(String(ctx.oidc?.route ?? ""))) {
          throw new errors.InvalidClientMetadata("previous_secrets is managed by the platform");
        }
        // Anything but a boolean would silently count as "supported": refuse it, so the sender learns.
        if (key === "pkce_supported" && value !== undefined && typeof value !== "boolean") {
          throw new errors.InvalidClientMetadata("pkce_supported must be true or false");
        }
      },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: (ctx: KoaContextWithOIDC) => ctx.oidc.client?.tokenEndpointAuthMethod === "none",
    ttl: { AccessToken: 3600, AuthorizationCode: 600, IdToken: 3600, RefreshToken: 14 * 86400, Interaction: 3600, Session: 86400, Grant: 14 * 86400 },
    interactions: { url: (_ctx, interaction) => `/sandbox/interaction/${interaction.uid}` },
    // Only the grant the user gave in this very interaction counts: earlier grants are not
    // reused, so consent is asked every time (Test connection shows that step).
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(String(grantId)) : undefined;
    },
    async renderError(ctx, out) {
      ctx.type = "html";
      const text = (v: unknown) => String(v ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title><meta name="viewport" content="width=device-width"></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>The sign-in request could not be completed</h1><p><strong>${text(out.error)}</strong>: ${text(out.error_description)}</p><p>Go back to the application you came from and try again.</p></body></html>`;
    },
  };
  const provider = new OidcProvider(issuer, configuration);
  provider.proxy = env().trustProxy;

  // Every client_secret_basic authentication comes here (lib/shared/client_auth.js): the current
  // secret, then a previous one inside its grace period. oidc-provider emits no event for a
  // successful client authentication, and grant.success cannot tell which secret was used, so
  // the use is noted here, with the request from oidc-provider's async context (Provider.ctx).
  const original = provider.Client.prototype.compareClientSecret;
  provider.Client.prototype.compareClientSecret = async function (this: InstanceType<Provider["Client"]>, actual: string) {
    const matched = (await original.call(this, actual))
      ? sha256Hex(actual)
      : matchingPrevious((this as unknown as Record<string, unknown>)["previous_secrets"], actual);
    if (!matched) return false;
    await noteSecretUse(OidcProvider.ctx, this.clientId, matched);
    return true;
  };
  provider.on("server_error", (_ctx, error) => log.error("oidc.server_error", { error: error.message }));
  return provider;
}

const g = globalThis as unknown as { __portalOidcProvider?: Promise<Provider> };

/** The embedded provider, created once per process on first use. */
export function getProvider(): Promise<Provider> {
  if (!embeddedServerEnabled()) return Promise.reject(new Error("The embedded authorization server is off (APP_ENV=production without SANDBOX_USERS)."));
  return (g.__portalOidcProvider ??= createProvider().catch((error) => {
    g.__portalOidcProvider = undefined;
    throw error;
  }));
}
