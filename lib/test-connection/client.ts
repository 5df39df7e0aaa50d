import "server-only";
import { allowInsecureRequests, ClientSecretBasic, Configuration, customFetch, discovery, None, type ServerMetadata } from "openid-client";
import type { ProblemCode } from "./explanations";
import type { HttpRecorder } from "./http-recorder";

// The openid-client Configuration for one run: the issuer's metadata (discovered, cached
// briefly), the client's authentication (client_secret_basic or none), every request through
// the recorder, and plain http allowed only for loopback issuers.

export type TestClient = {
  issuer: string;
  clientId: string;
  tokenEndpointAuthMethod: "client_secret_basic" | "none";
  /** Required for client_secret_basic. */
  clientSecret?: string;
};

type ConfigureInput = Omit<TestClient, "clientSecret"> & { clientSecret?: string };

/** A failure before any OAuth exchange, with its catalogue entry. */
export class SetupError extends Error {
  constructor(
    readonly problem: ProblemCode,
    readonly detail?: string,
  ) {
    super(problem);
  }
}

const TIMEOUT_SECONDS = 10;
const METADATA_TTL_MS = 60_000;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackIssuer(issuer: string): boolean {
  try {
    const { hostname } = new URL(issuer);
    return LOOPBACK.has(hostname) || hostname.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

const g = globalThis as unknown as { __testConnectionMetadata?: Map<string, { metadata: ServerMetadata; at: number }> };
const metadataCache = (g.__testConnectionMetadata ??= new Map());

/** Forgets cached metadata (tests that restart a server on another port use it). */
export function clearMetadataCache() {
  metadataCache.clear();
}

function clientAuth(client: Pick<TestClient, "tokenEndpointAuthMethod" | "clientSecret">) {
  if (client.tokenEndpointAuthMethod === "none") return None();
  // Without a secret (when only building the authorization URL) nothing authenticates yet.
  return ClientSecretBasic(client.clientSecret);
}

async function discover(client: ConfigureInput, recorder: HttpRecorder, insecure: boolean): Promise<Configuration> {
  const options = {
    [customFetch]: recorder.fetch,
    execute: insecure ? [allowInsecureRequests] : [],
    timeout: TIMEOUT_SECONDS,
  };
  const auth = clientAuth(client);
  try {
    return await discovery(new URL(client.issuer), client.clientId, undefined, auth, { ...options, algorithm: "oidc" });
  } catch (error) {
    if (recorder.networkFailure) throw new SetupError("server_unreachable", recorder.networkFailure);
    // A plain OAuth 2.0 server publishes RFC 8414 metadata instead of OpenID's.
    try {
      return await discovery(new URL(client.issuer), client.clientId, undefined, auth, { ...options, algorithm: "oauth2" });
    } catch {
      if (recorder.networkFailure) throw new SetupError("server_unreachable", recorder.networkFailure);
      const name = (error as { name?: string })?.name;
      throw new SetupError(name === "TimeoutError" ? "server_unreachable" : "discovery_failed");
    }
  }
}

export async function configure(client: ConfigureInput, recorder: HttpRecorder): Promise<Configuration> {
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(client.issuer);
  } catch {
    throw new SetupError("discovery_failed");
  }
  const insecure = issuerUrl.protocol === "http:";
  if (insecure && !isLoopbackIssuer(client.issuer)) throw new SetupError("insecure_issuer");

  const cached = metadataCache.get(client.issuer);
  let config: Configuration;
  if (cached && Date.now() - cached.at < METADATA_TTL_MS) {
    config = new Configuration(cached.metadata, client.clientId, undefined, clientAuth(client));
    if (insecure) allowInsecureRequests(config);
    config[customFetch] = recorder.fetch;
    config.timeout = TIMEOUT_SECONDS;
  } else {
    config = await discover(client, recorder, insecure);
    metadataCache.set(client.issuer, { metadata: JSON.parse(JSON.stringify(config.serverMetadata())) as ServerMetadata, at: Date.now() });
  }
  return config;
}

/** Does the server speak OpenID Connect (so "openid" may be requested and a nonce checked)? */
export function supportsOpenId(metadata: Readonly<ServerMetadata>): boolean {
  if (Array.isArray(metadata.scopes_supported)) return metadata.scopes_supported.includes("openid");
  return Array.isArray(metadata.id_token_signing_alg_values_supported) || typeof metadata.userinfo_endpoint === "string";
}
