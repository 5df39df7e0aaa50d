import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "@/lib/auth/guards";
import { getClientCredentials } from "@/lib/db/credentials";
import { buildPostmanCollection, buildPostmanEnvironment, POSTMAN_SCHEMA, postmanFileName, type PostmanInput } from "@/lib/test-connection/postman";
import { GET } from "@/app/api/registrations/[id]/postman/route";

// The Postman export: a v2.1 collection set up for authorization code + PKCE, an environment
// with the client's values, and never the client secret.

vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: vi.fn(),
  isMember: (user: { membership?: unknown } | null) => Boolean(user?.membership),
  isAdmin: () => false,
}));
const SECRET = "0123456789abcdef0123456789abcd";
vi.mock("@/lib/db/credentials", () => ({ getClientCredentials: vi.fn(), currentClientSecret: vi.fn(async () => SECRET) }));
vi.mock("@/lib/oauth/issuers", () => ({ isEmbeddedIssuer: (issuer: string) => issuer === "http://localhost:3000/oidc" }));
vi.mock("@/lib/db/test-runs", () => ({ registrationSummary: vi.fn(async () => ({ id: REGISTRATION, clientName: "Acme Books", environment: "STAGING" })) }));
vi.mock("@/lib/test-connection/endpoints", () => ({
  endpointsFor: vi.fn(async (issuer: string) => ({
    issuer,
    authorizationEndpoint: `${issuer}/oauth/authorize`,
    tokenEndpoint: `${issuer}/oauth/token`,
    discovered: true,
  })),
}));
vi.mock("@/lib/env", () => ({ env: () => ({ appUrl: "http://localhost:3000", oauth: { testApiUrl: undefined } }) }));

const ORG = "11111111-1111-4111-8111-111111111111";
const REGISTRATION = "22222222-2222-4222-8222-222222222222";
const member = { id: "44444444-4444-4444-8444-444444444444", membership: { role: "OWNER", organization: { id: ORG, name: "Acme" } } };
const credentials = {
  registrationId: REGISTRATION,
  organizationId: ORG,
  clientId: "12a3b456-78c9-0d12-34e5-f678ab9bcd0e",
  issuer: "http://localhost:3000/oidc",
  mode: "DYNAMIC",
  tokenEndpointAuthMethod: "client_secret_basic",
  redirectUris: ["https://oauth.pstmn.io/v1/callback", "https://acme.example/cb"],
  scopes: ["users:read", "export-jobs:read"],
  revoked: false,
};

const input: PostmanInput = {
  clientName: "Acme Books",
  environmentLabel: "staging",
  clientId: credentials.clientId,
  authorizationEndpoint: "https://auth.staging.example/oauth/authorize",
  tokenEndpoint: "https://auth.staging.example/oauth/token",
  scopes: ["export-jobs:read", "export-jobs:write"],
  confidential: true,
  apiRequests: [{ name: "GET /v1/users/me", url: "https://api.example/v1/users/me" }],
  callbackRegistered: true,
};

const oauth2 = (collection: ReturnType<typeof buildPostmanCollection>) => Object.fromEntries(collection.auth.oauth2.map((e) => [e.key, e.value]));

describe("the collection", () => {
  it("is a v2.1 collection with OAuth 2.0 authorization code + PKCE and Basic client authentication", () => {
    const c = buildPostmanCollection(input);
    expect(c.info.schema).toBe(POSTMAN_SCHEMA);
    expect(c.auth.type).toBe("oauth2");
    expect(oauth2(c)).toMatchObject({
      grant_type: "authorization_code_with_pkce",
      challengeAlgorithm: "S256",
      authUrl: "{{auth_url}}",
      accessTokenUrl: "{{token_url}}",
      clientId: "{{client_id}}",
      clientSecret: "{{client_secret}}",
      scope: "{{scope}}",
      redirect_uri: "{{callback_url}}",
      client_authentication: "header",
    });
    expect(c.item).toHaveLength(1);
  });

  it("for a public client: no secret variable, client ID in the body", () => {
    const c = buildPostmanCollection({ ...input, confidential: false });
    expect(oauth2(c).clientSecret).toBeUndefined();
    expect(oauth2(c).client_authentication).toBe("body");
    expect(buildPostmanEnvironment({ ...input, confidential: false }).values.map((v) => v.key)).not.toContain("client_secret");
  });

  it("says when Postman's callback still has to be registered", () => {
    expect(buildPostmanCollection({ ...input, callbackRegistered: false }).info.description).toMatch(/Add Postman's callback/);
  });
});

describe("the environment", () => {
  it("holds the endpoints, client ID, scopes and Postman's callback; the secret is an empty secret-typed placeholder", () => {
    const e = buildPostmanEnvironment(input);
    const values = Object.fromEntries(e.values.map((v) => [v.key, v]));
    expect(values.auth_url?.value).toBe(input.authorizationEndpoint);
    expect(values.token_url?.value).toBe(input.tokenEndpoint);
    expect(values.client_id?.value).toBe(input.clientId);
    expect(values.scope?.value).toBe("export-jobs:read export-jobs:write");
    expect(values.callback_url?.value).toBe("https://oauth.pstmn.io/v1/callback");
    expect(values.client_secret).toMatchObject({ value: "", type: "secret" });
    expect(e._postman_variable_scope).toBe("environment");
  });

  it("file names are slugs", () => {
    expect(postmanFileName("Acme Books & Co!", "collection")).toBe("acme-books-co.postman_collection.json");
    expect(postmanFileName("***", "environment")).toBe("client.postman_environment.json");
  });
});

describe("GET /api/registrations/:id/postman", () => {
  beforeEach(() => {
    vi.mocked(getCurrentUser).mockResolvedValue(member as never);
    vi.mocked(getClientCredentials).mockResolvedValue(credentials as never);
  });
  const call = (query: string, id = REGISTRATION) =>
    GET(new NextRequest(`http://localhost:3000/api/registrations/${id}/postman${query}`), { params: Promise.resolve({ id }) });

  it.each(["collection", "environment"])("downloads the %s as an attachment, without the secret", async (kind) => {
    const response = await call(`?kind=${kind}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="acme-books.postman_${kind}.json"`);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text);
    if (kind === "collection") {
      expect(body.info.schema).toBe(POSTMAN_SCHEMA);
      expect(body.item[0].request.url).toBe("http://localhost:3000/sandbox/v1/users/me");
    } else {
      expect(body.values.find((v: { key: string }) => v.key === "auth_url").value).toBe("http://localhost:3000/oidc/oauth/authorize");
    }
  });

  it("answers 400 for another kind, 404 without a client, 401 signed out", async () => {
    expect((await call("?kind=zip")).status).toBe(400);
    vi.mocked(getClientCredentials).mockResolvedValue(null);
    expect((await call("?kind=collection")).status).toBe(404);
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    expect((await call("?kind=collection")).status).toBe(401);
  });
});
