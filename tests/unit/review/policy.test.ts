import { describe, expect, it } from "vitest";
import { evaluatePolicy, registrableDomain, type PolicySettings } from "@/lib/review/policy";
import { validateRegistration } from "@/lib/registration/schema";
import { valid } from "../registration/fixtures";

// The instant-staging policy's conditions, one at a time.

const POLICY: PolicySettings = {
  enabled: true,
  allowedScopes: ["users:read", "tags:read"],
  blockingWarnings: ["pkce_exception", "hosts_differ"],
  allowedDomains: [],
};
const CALLBACK = "http://localhost:3000/api/test-connection/callback";
const passing = valid({ contacts: ["dev@client.example"], scopes: ["users:read"], redirectUris: ["https://client.example/callback"] });
const run = (data = passing, policy: Partial<PolicySettings> = {}, environment: "staging" | "production" = "staging") =>
  evaluatePolicy(data, { environment, brand: "Pleo", policy: { ...POLICY, ...policy }, portalCallback: CALLBACK });
const failed = (result: ReturnType<typeof run>) => result.checks.filter((c) => !c.passed).map((c) => c.id);

describe("evaluatePolicy", () => {
  it("passes a Staging registration that meets every condition, listing each check", () => {
    const result = run();
    expect(result).toMatchObject({ passed: true, reasons: [] });
    expect(result.checks.map((c) => c.id)).toEqual(["environment", "validation", "warnings", "scopes", "domains"]);
  });

  it("never passes Production", () => {
    expect(run(passing, {}, "production")).toMatchObject({ passed: false, reasons: ["Production registrations are always reviewed by a person."] });
  });

  it("fails on validation errors", () => {
    expect(failed(run({ ...passing, clientName: "" }))).toContain("validation");
  });

  it("fails on a blocking warning only", () => {
    const pkce = { ...passing, pkceSupport: "not_supported" as const, pkceExceptionReason: "Our legacy server cannot do PKCE yet, sorry." };
    expect(failed(run(pkce))).toEqual(["warnings"]);
    expect(run(pkce, { blockingWarnings: [] }).passed).toBe(true);
    const localhost = { ...passing, redirectUris: ["http://localhost:8080/cb"] };
    expect(run(localhost).passed).toBe(true);
    expect(failed(run(localhost, { blockingWarnings: ["localhost_redirect"] }))).toEqual(["warnings"]);
  });

  it("fails on a scope outside the allow-list, naming it", () => {
    const result = run({ ...passing, scopes: ["users:read", "users:write"] });
    expect(result.reasons).toEqual(["Scopes that need a person's approval: users:write."]);
  });

  it("fails on contact or redirect domains other than the Client URI's, unless allow-listed", () => {
    const foreign = { ...passing, contacts: ["a@other.example"], redirectUris: ["https://auth.client.example/cb", "https://cb.hosting.example/cb"] };
    expect(run(foreign, { blockingWarnings: [] }).reasons).toEqual([expect.stringMatching(/not on the allow-list: other\.example, cb\.hosting\.example\.$/)]);
    expect(run(foreign, { allowedDomains: ["other.example", "hosting.example"], blockingWarnings: [] }).passed).toBe(true);
  });

  it("allows Postman, loopback and the portal's own callback on Staging without a warning", () => {
    const data = { ...passing, redirectUris: ["https://client.example/cb", "https://oauth.pstmn.io/v1/callback", "http://127.0.0.1:9000/cb", CALLBACK] };
    expect(run(data, { blockingWarnings: ["pkce_exception", "hosts_differ", "localhost_redirect"] }).passed).toBe(true);
  });

  it("reads a private-use scheme as its domain", () => {
    const native = { ...passing, clientType: "public_native" as const, redirectUris: ["example.client.app:/callback"] };
    expect(failed(run(native))).not.toContain("domains");
    expect(failed(run({ ...native, redirectUris: ["com.stranger.app:/callback"] }))).toContain("domains");
  });
});

describe("registrableDomain", () => {
  it("keeps the last two labels, or three under a known multi-label suffix", () => {
    expect(registrableDomain("api.client.example")).toBe("client.example");
    expect(registrableDomain("shop.example.co.uk")).toBe("example.co.uk");
    expect(registrableDomain("me.github.io")).toBe("me.github.io");
    expect(registrableDomain("Client.Example.")).toBe("client.example");
  });
});

describe("the portal's own Test connection callback", () => {
  it("draws no localhost advice, while a partner's own localhost redirect URI still does", () => {
    const data = { ...passing, redirectUris: ["https://client.example/callback", CALLBACK, "http://localhost:8080/cb"] };
    const warnings = validateRegistration(data, { environment: "staging", brand: "Pleo", portalCallback: CALLBACK }).warnings.map((w) => w.message);
    expect(warnings.filter((w) => w.includes(CALLBACK))).toEqual([]);
    expect(warnings.some((w) => w.includes("http://localhost:8080/cb"))).toBe(true);
    // Without the context (as before), the preset drew the advice.
    expect(validateRegistration(data, { environment: "staging", brand: "Pleo" }).warnings.some((w) => w.message.includes(CALLBACK))).toBe(true);
  });
});
