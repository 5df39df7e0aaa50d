import { describe, expect, it } from "vitest";
import { planApiCall } from "@/lib/test-connection/api-call";

const base = { appUrl: "http://localhost:3000", openidRequested: true, userinfoEndpoint: "https://auth.example/userinfo" };

describe("which API the API step calls", () => {
  it("the embedded server: the sandbox API allowed by the granted scopes", () => {
    expect(planApiCall({ ...base, embedded: true, grantedScopes: ["export-jobs:read", "users:read"] })).toMatchObject({
      kind: "sandbox",
      url: "http://localhost:3000/sandbox/v1/users/me",
    });
    expect(planApiCall({ ...base, embedded: true, grantedScopes: ["export-jobs:read"] })).toMatchObject({
      kind: "sandbox",
      url: "http://localhost:3000/sandbox/v1/export-jobs",
    });
    expect(planApiCall({ ...base, embedded: true, grantedScopes: ["tags:read"] })).toMatchObject({ kind: "skip" });
  });

  it("an external server: userinfo when openid was requested, else the configured test API, else skipped with the reason", () => {
    expect(planApiCall({ ...base, embedded: false, grantedScopes: [] })).toMatchObject({ kind: "userinfo", url: "https://auth.example/userinfo" });
    expect(planApiCall({ ...base, embedded: false, openidRequested: false, grantedScopes: [], testApiUrl: "https://api.example/me" })).toMatchObject({
      kind: "resource",
      url: "https://api.example/me",
    });
    const skipped = planApiCall({ ...base, embedded: false, openidRequested: false, grantedScopes: [] });
    expect(skipped.kind).toBe("skip");
    expect(skipped.kind === "skip" && skipped.reason).toMatch(/OAUTH_TEST_API_URL/);
  });
});
