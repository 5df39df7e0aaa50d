import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "../support/db";
import { startEmbeddedServer, type EmbeddedServer } from "../support/embedded-server";
import { fuzz, hostileString } from "../support/hostile";
import { oauthRequests, type RegisteredClient } from "../support/oauth-requests";

// The embedded authorization server parses its own requests (oidc-provider), so text the
// database cannot hold meets the input rule in its storage adapter (lib/db/oidc-adapter.ts).
// Before, a NUL in an authorization request's state, nonce, login_hint, ui_locales or
// client_id answered 500 to anyone. Now: OAuth's own answers (invalid_request to the client,
// invalid_client, invalid_grant), never a 500. Runs in both database passes.

vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: vi.fn(), isMember: () => true, isAdmin: () => false }));

withTestDatabase();

let server: EmbeddedServer;
let o: ReturnType<typeof oauthRequests>;
let client: RegisteredClient;

beforeAll(async () => {
  server = await startEmbeddedServer();
  o = oauthRequests(server);
  client = await o.provision("confidential");
});
afterAll(async () => {
  await server?.close();
});

describe("an authorization request carrying a NUL", () => {
  it.each(["state", "nonce", "login_hint", "ui_locales"])("in %s goes back to the client as invalid_request, naming the parameter", async (name) => {
    const { url } = await o.authorizationRequest(client, { [name]: "x\u0000y" });
    const answer = await o.firstHop(url);
    expect(answer.status).toBe(303);
    expect(answer.location?.origin + answer.location!.pathname).toBe(client.redirectUri);
    expect(answer.location?.searchParams.get("error")).toBe("invalid_request");
    expect(answer.location?.searchParams.get("error_description")).toMatch(/^The request field "[\w.]+" contains a NUL character \(U\+0000\)/);
  });

  it("in client_id or redirect_uri gets the server's error page with 400", async () => {
    for (const params of [{ client_id: "\u0000" }, { redirect_uri: `${client.redirectUri}\u0000` }]) {
      const { url } = await o.authorizationRequest(client, params);
      expect((await o.firstHop(url)).status).toBe(400);
    }
  });
});

describe("the token endpoint", () => {
  it("answers invalid_client and invalid_grant to ids carrying a NUL", async () => {
    const anonymous = await fetch(`${server.issuer}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&code=%00&client_id=%00&redirect_uri=x",
    });
    expect(anonymous.status).toBe(401);
    expect((await o.tokenRequest(client, { grant_type: "authorization_code", code: "abc\u0000", redirect_uri: client.redirectUri })).body.error).toBe(
      "invalid_grant",
    );
  });
});

describe("any text in any authorization parameter", () => {
  it("never gets a 500", async () => {
    const names = ["state", "nonce", "login_hint", "ui_locales", "scope", "prompt", "max_age", "acr_values", "claims", "client_id", "code_challenge"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), hostileString(), async (name, value) => {
        const { url } = await o.authorizationRequest(client, { [name]: value });
        expect((await o.firstHop(url)).status).toBeLessThan(500);
      }),
      fuzz(40),
    );
  });
});
