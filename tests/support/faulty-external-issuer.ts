// An external authorization server (a real oidc-provider) behind a proxy that can fail, set up
// as the portal's Staging issuer for one test file: down, slow past OAUTH_TIMEOUT_SECONDS (1 s
// here) or answering 500, as `proxy.mode` says. Call at the top level of a file that also
// calls withTestDatabase().
import { afterAll, beforeAll } from "vitest";
import { withTestEnv } from "./env";
import { startExternalIssuer, type ExternalIssuer } from "./external-issuer";
import { startFaultyProxy, type FaultyProxy } from "./faulty-proxy";

export function withFaultyExternalIssuer(): { proxy(): FaultyProxy; issuer(): ExternalIssuer } {
  let proxy: FaultyProxy;
  let external: ExternalIssuer & { port: number };
  beforeAll(async () => {
    proxy = await startFaultyProxy(() => `http://127.0.0.1:${external.port}`);
    external = await startExternalIssuer(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await external?.close();
  });
  withTestEnv({ OAUTH_ISSUER: "http://placeholder.invalid", OAUTH_INITIAL_ACCESS_TOKEN: "external-iat-for-tests", OAUTH_TIMEOUT_SECONDS: "1" });
  beforeAll(() => {
    // The proxy's port is known only now; the configuration is read on first use.
    process.env.OAUTH_ISSUER = proxy.url;
    (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  });
  return { proxy: () => proxy, issuer: () => external };
}
