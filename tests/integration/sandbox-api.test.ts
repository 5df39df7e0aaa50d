import { NextRequest } from "next/server";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "../support/db";

// The sandbox API checks the embedded server's own access tokens: RFC 6750 answers for a
// missing, invalid or under-scoped token. Tokens are minted with the provider's own model.

withTestDatabase();

let mint: (scope: string) => Promise<string>;
let usersMe: (request: NextRequest) => Promise<Response>;
let exportJobs: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "sandbox-api-"));
  process.env.APP_URL = "http://localhost:3999";
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  (globalThis as { __portalOidcProvider?: unknown }).__portalOidcProvider = undefined;
  const { getProvider } = await import("@/lib/oauth/provider");
  const provider = await getProvider();
  const { PortalOidcAdapter } = await import("@/lib/db/oidc-adapter");
  await new PortalOidcAdapter("Client").upsert("sandbox-test-client", {
    client_id: "sandbox-test-client",
    client_secret: "s".repeat(30),
    redirect_uris: ["https://client.example/cb"],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  });
  const client = await provider.Client.find("sandbox-test-client");
  mint = async (scope) =>
    new provider.AccessToken({ accountId: "sandbox-user-alex", client: client!, scope, grantId: "test-grant", gty: "authorization_code" }).save();
  usersMe = (await import("@/app/sandbox/v1/users/me/route")).GET;
  exportJobs = (await import("@/app/sandbox/v1/export-jobs/route")).GET;
});

const call = (handler: (r: NextRequest) => Promise<Response>, token?: string) =>
  handler(new NextRequest("http://localhost:3999/sandbox/v1/x", { headers: token ? { Authorization: `Bearer ${token}` } : {} }));

describe("sandbox API", () => {
  it("answers 401 with a Bearer challenge and no error code when there is no token", async () => {
    const response = await call(usersMe);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="sandbox"');
  });

  it("answers 401 invalid_token for a token it did not issue", async () => {
    const response = await call(usersMe, "not-a-token-we-issued");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect((await response.json()).error).toBe("invalid_token");
  });

  it("answers 403 insufficient_scope, naming the scope, when the token lacks it", async () => {
    const token = await mint("export-jobs:read");
    const response = await call(usersMe, token);
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toMatch(/error="insufficient_scope", scope="users:read"/);
    expect((await call(exportJobs, token)).status).toBe(200);
  });

  it("returns the signed-in sandbox user for a token with users:read", async () => {
    const response = await call(usersMe, await mint("openid users:read"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "sandbox-user-alex", email: "alex@demo-company.example", company: "Demo Company ApS" });
  });

  it("stores no usable token or client secret in the clear", async () => {
    const token = await mint("users:read");
    const { db } = await import("@/lib/db");
    const rows = await (await db()).oidcPayload.findMany({ select: { id: true, payload: true } });
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain("s".repeat(30));
    expect(rows.some((r) => r.id === token)).toBe(false);
    // ...and the server still finds both.
    expect((await call(usersMe, token)).status).toBe(200);
  });

  it("refuses the tokens of a client that was deleted (revoked) at once", async () => {
    const { PortalOidcAdapter } = await import("@/lib/db/oidc-adapter");
    const adapter = new PortalOidcAdapter("Client");
    await adapter.upsert("short-lived-client", {
      client_id: "short-lived-client",
      client_secret: "t".repeat(30),
      redirect_uris: ["https://client.example/cb"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    });
    const { getProvider } = await import("@/lib/oauth/provider");
    const provider = await getProvider();
    const client = await provider.Client.find("short-lived-client");
    const token = await new provider.AccessToken({
      accountId: "sandbox-user-alex",
      client: client!,
      scope: "users:read",
      grantId: "g",
      gty: "authorization_code",
    }).save();
    expect((await call(usersMe, token)).status).toBe(200);
    await adapter.destroy("short-lived-client");
    const response = await call(usersMe, token);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/invalid_token/);
  });

  it("refuses a malformed Authorization header like a missing one", async () => {
    const response = await usersMe(new NextRequest("http://localhost:3999/x", { headers: { Authorization: "Basic abc" } }));
    expect(response.status).toBe(401);
  });
});
