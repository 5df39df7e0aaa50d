import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { startExternalIssuer, type ExternalIssuer } from "../support/external-issuer";

// Provisioning against a separately configured authorization server (OAUTH_ISSUER): the same
// standard calls as for the embedded one (discovery, RFC 7591, RFC 7592 PUT and DELETE).

withTestDatabase();
let external: ExternalIssuer;

beforeAll(async () => {
  external = await startExternalIssuer();
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "external-issuer-"));
  process.env.APP_URL = "http://localhost:3998";
  process.env.OAUTH_ISSUER = external.issuer;
  process.env.OAUTH_INITIAL_ACCESS_TOKEN = external.initialAccessToken;
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
});
afterAll(async () => {
  delete process.env.OAUTH_ISSUER;
  delete process.env.OAUTH_INITIAL_ACCESS_TOKEN;
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  await external?.close();
});

describe("provisioning at an external issuer", () => {
  it("registers, updates and deletes a client with the standard protocols", async () => {
    const { issuerFor } = await import("@/lib/oauth/issuers");
    const { clientMetadata, registerClient, updateClient, deleteClient } = await import("@/lib/oauth/provisioning");
    const target = issuerFor("staging")!;
    expect(target).toMatchObject({ issuer: external.issuer, embedded: false });

    const data = valid();
    const created = await registerClient(target.issuer, target.initialAccessToken, clientMetadata(data, "staging", null));
    expect(created.clientId).toBeTruthy();
    expect(created.clientSecret).toBeTruthy();
    const stored = await external.provider.Client.find(created.clientId);
    expect(stored?.redirectUris).toEqual(data.redirectUris);
    expect(stored?.tokenEndpointAuthMethod).toBe("client_secret_basic");

    const renamed = await updateClient(
      created.registrationClientUri!,
      created.registrationAccessToken!,
      created.clientId,
      clientMetadata({ ...data, clientName: "Renamed Client" }, "staging", null),
    );
    expect((await external.provider.Client.find(created.clientId))?.clientName).toBe("Renamed Client");

    await deleteClient(renamed.registrationClientUri!, renamed.registrationAccessToken!);
    expect(await external.provider.Client.find(created.clientId)).toBeUndefined();
  });

  it("refuses with the server's reason and changes nothing", async () => {
    const { registerClient, ProvisioningError } = await import("@/lib/oauth/provisioning");
    await expect(registerClient(external.issuer, "wrong-token", { redirect_uris: ["https://a.example/cb"] })).rejects.toBeInstanceOf(ProvisioningError);
    await expect(registerClient(external.issuer, "wrong-token", { redirect_uris: ["https://a.example/cb"] })).rejects.toThrow(
      /refused to register the client: invalid_token/,
    );
  });

  it("says plainly when the server cannot be reached", async () => {
    const { registerClient } = await import("@/lib/oauth/provisioning");
    await expect(registerClient("http://127.0.0.1:9", "x", {})).rejects.toThrow(/could not be reached/);
  });

  it("offers no secret rotation for an external server (platform staff rotate)", async () => {
    const { rotatorFor } = await import("@/lib/oauth/rotation");
    expect(rotatorFor(external.issuer)).toBeUndefined();
  });
});
