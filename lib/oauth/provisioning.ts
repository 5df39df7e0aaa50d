import "server-only";
import { env } from "@/lib/env";
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { toManifest, type Manifest } from "@/lib/registration/manifest-format";

// Provisioning over standard protocols only, so the embedded server and any external one are
// handled by the same code: discovery, RFC 7591 dynamic registration with an initial access
// token, RFC 7592 PUT (update) and DELETE with the registration access token.

export class ProvisioningError extends Error {}

export type ProvisionedClient = {
  clientId: string;
  clientSecret: string | null;
  registrationAccessToken: string | null;
  registrationClientUri: string | null;
};

/**
 * Client metadata (RFC 7591 / OpenID Connect names) for an approved registration: the exported
 * manifest, plus openid. The export is what the partner registered, and importing it must give
 * the same registration back; openid is the portal's own need (Test connection reads userinfo).
 */
export function clientMetadata(data: RegistrationData, environment: Environment, logoUrl: string | null): Manifest {
  const manifest = toManifest(data, environment, logoUrl);
  return { ...manifest, scope: ["openid", ...data.scopes].join(" ") };
}

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(env().oauth.timeoutMs), redirect: "error", cache: "no-store" });
  } catch (error) {
    const name = (error as Error).name;
    const cause =
      name === "TimeoutError" ? `no answer within ${env().oauth.timeoutMs / 1000} s` : ((error as { cause?: { code?: string } }).cause?.code ?? name);
    throw new ProvisioningError(
      `The authorization server could not be reached to ${what} (${cause} at ${new URL(url).origin}). Nothing was changed; try again when it is back.`,
    );
  }
}

async function refusal(response: Response, what: string): Promise<ProvisioningError> {
  if (response.status >= 500) {
    return new ProvisioningError(`The authorization server failed (HTTP ${response.status}) to ${what}. Nothing was changed; try again when it is back.`);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; error_description?: string };
  const reason = [body.error, body.error_description].filter(Boolean).join(": ") || `HTTP ${response.status}`;
  return new ProvisioningError(`The authorization server refused to ${what}: ${reason}. Nothing was changed.`);
}

/** The registration endpoint from the issuer's discovery document. */
async function registrationEndpoint(issuer: string): Promise<string> {
  const base = issuer.replace(/\/+$/, "");
  for (const path of ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]) {
    const response = await call(base + path, { headers: { Accept: "application/json" } }, "read its configuration");
    // A server error is an outage, not a missing document: say so, and that a retry may work.
    if (response.status >= 500) {
      throw new ProvisioningError(
        `The authorization server failed (HTTP ${response.status}) when asked for its configuration at ${base}. Nothing was changed; try again when it is back.`,
      );
    }
    if (!response.ok) continue;
    const doc = (await response.json().catch(() => ({}))) as { issuer?: string; registration_endpoint?: string };
    if (doc.issuer && doc.issuer.replace(/\/+$/, "") !== base) {
      throw new ProvisioningError(`The discovery document of ${base} names a different issuer (${doc.issuer}).`);
    }
    if (typeof doc.registration_endpoint === "string") return doc.registration_endpoint;
    throw new ProvisioningError(`${base} does not offer dynamic client registration (no registration_endpoint in its discovery document).`);
  }
  throw new ProvisioningError(`No discovery document at ${base}/.well-known/openid-configuration.`);
}

function provisioned(body: Record<string, unknown>): ProvisionedClient {
  if (typeof body.client_id !== "string") throw new ProvisioningError("The authorization server answered without a client_id.");
  return {
    clientId: body.client_id,
    clientSecret: typeof body.client_secret === "string" ? body.client_secret : null,
    registrationAccessToken: typeof body.registration_access_token === "string" ? body.registration_access_token : null,
    registrationClientUri: typeof body.registration_client_uri === "string" ? body.registration_client_uri : null,
  };
}

/** RFC 7591: creates the client. */
export async function registerClient(issuer: string, initialAccessToken: string, metadata: Record<string, unknown>): Promise<ProvisionedClient> {
  const endpoint = await registrationEndpoint(issuer);
  const response = await call(
    endpoint,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${initialAccessToken}` },
      body: JSON.stringify(metadata),
    },
    "register the client",
  );
  if (response.status !== 201 && response.status !== 200) throw await refusal(response, "register the client");
  return provisioned((await response.json()) as Record<string, unknown>);
}

/** RFC 7592 PUT: replaces the client's metadata (the registration access token may rotate). */
export async function updateClient(
  registrationClientUri: string,
  registrationAccessToken: string,
  clientId: string,
  metadata: Record<string, unknown>,
): Promise<ProvisionedClient> {
  const response = await call(
    registrationClientUri,
    {
      method: "PUT",
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${registrationAccessToken}` },
      body: JSON.stringify({ ...metadata, client_id: clientId }),
    },
    "update the client",
  );
  if (!response.ok) throw await refusal(response, "update the client");
  const result = provisioned((await response.json()) as Record<string, unknown>);
  return {
    ...result,
    registrationAccessToken: result.registrationAccessToken ?? registrationAccessToken,
    registrationClientUri: result.registrationClientUri ?? registrationClientUri,
  };
}

/** RFC 7592 DELETE: removes the client. A client that is already gone counts as deleted. */
export async function deleteClient(registrationClientUri: string, registrationAccessToken: string): Promise<void> {
  const response = await call(
    registrationClientUri,
    { method: "DELETE", headers: { Authorization: `Bearer ${registrationAccessToken}` } },
    "delete the client",
  );
  if (response.status === 204 || response.status === 200 || response.status === 404) return;
  throw await refusal(response, "delete the client");
}
