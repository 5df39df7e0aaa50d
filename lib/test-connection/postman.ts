// A Postman collection (format v2.1) and environment for trying the client's authorization
// code + PKCE flow in Postman. Pure. The client secret is never included: the environment
// has an empty secret-typed variable that the partner fills in inside Postman.
import { randomUUID } from "node:crypto";
import { POSTMAN_DESKTOP_CALLBACK } from "@/lib/registration/fields";

export const POSTMAN_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

export type PostmanInput = {
  clientName: string;
  environmentLabel: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: readonly string[];
  confidential: boolean;
  /** Requests to include, e.g. the sandbox API; each needs the access token. */
  apiRequests: { name: string; url: string }[];
  /** Is Postman's callback one of the registered redirect URIs? Said in the description when not. */
  callbackRegistered: boolean;
};

type KV = { key: string; value: string | boolean; type: "string" | "boolean" | "any" };
const kv = (key: string, value: string | boolean): KV => ({ key, value, type: typeof value === "boolean" ? "boolean" : "string" });

export function postmanFileName(clientName: string, kind: "collection" | "environment"): string {
  const slug =
    clientName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "client";
  return `${slug}.postman_${kind}.json`;
}

export function buildPostmanCollection(input: PostmanInput) {
  const description = [
    `OAuth 2.0 authorization code flow with PKCE (S256) for ${input.clientName}.`,
    "1. Import the environment file too and select it.",
    input.confidential
      ? "2. In the environment, paste your client secret into client_secret (it is not in these files)."
      : "2. This is a public client: no client secret is needed.",
    "3. Open the collection's Authorization tab and press Get New Access Token. Postman creates the code_verifier, sends its S256 challenge, and sends the verifier with the token request.",
    input.callbackRegistered
      ? `Postman's callback ${POSTMAN_DESKTOP_CALLBACK} is one of your redirect URIs.`
      : `Add Postman's callback ${POSTMAN_DESKTOP_CALLBACK} to your registration's redirect URIs first (Technical step, "Postman (desktop app)"), or the server will refuse the request.`,
  ].join("\n");
  const oauth2: KV[] = [
    kv("grant_type", "authorization_code_with_pkce"),
    kv("authUrl", "{{auth_url}}"),
    kv("accessTokenUrl", "{{token_url}}"),
    kv("clientId", "{{client_id}}"),
    ...(input.confidential ? [kv("clientSecret", "{{client_secret}}")] : []),
    kv("scope", "{{scope}}"),
    kv("redirect_uri", "{{callback_url}}"),
    kv("useBrowser", false),
    kv("challengeAlgorithm", "S256"),
    kv("state", "{{$guid}}"),
    // "header" is Postman's "Send as Basic Auth header" (client_secret_basic).
    kv("client_authentication", input.confidential ? "header" : "body"),
    kv("addTokenTo", "header"),
    kv("tokenName", `${input.clientName} (${input.environmentLabel})`),
  ];
  return {
    info: { _postman_id: randomUUID(), name: `${input.clientName} (${input.environmentLabel})`, description, schema: POSTMAN_SCHEMA },
    auth: { type: "oauth2", oauth2 },
    item: input.apiRequests.map((r) => ({
      name: r.name,
      request: { method: "GET", header: [{ key: "Accept", value: "application/json" }], url: r.url },
      response: [],
    })),
  };
}

export function buildPostmanEnvironment(input: PostmanInput) {
  const value = (key: string, v: string, type: "default" | "secret" = "default") => ({ key, value: v, type, enabled: true });
  return {
    id: randomUUID(),
    name: `${input.clientName} (${input.environmentLabel})`,
    values: [
      value("auth_url", input.authorizationEndpoint),
      value("token_url", input.tokenEndpoint),
      value("client_id", input.clientId),
      ...(input.confidential ? [value("client_secret", "", "secret")] : []),
      value("scope", input.scopes.join(" ")),
      value("callback_url", POSTMAN_DESKTOP_CALLBACK),
    ],
    _postman_variable_scope: "environment",
  };
}
