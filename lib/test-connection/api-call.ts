// Which API the "API call" step calls. Pure, so the rule is unit-tested on its own:
// - the embedded server: the sandbox API, with an endpoint the granted scopes allow;
// - an external server: its userinfo endpoint when openid was requested, else
//   OAUTH_TEST_API_URL when configured, else nothing (the step is skipped with the reason).

export type ApiCallPlan =
  | { kind: "sandbox" | "resource"; url: string; description: string }
  | { kind: "userinfo"; url: string; description: string }
  | { kind: "skip"; reason: string };

export function planApiCall(input: {
  embedded: boolean;
  appUrl: string;
  grantedScopes: readonly string[];
  openidRequested: boolean;
  userinfoEndpoint?: string;
  testApiUrl?: string;
}): ApiCallPlan {
  if (input.embedded) {
    if (input.grantedScopes.includes("users:read")) {
      return { kind: "sandbox", url: `${input.appUrl}/sandbox/v1/users/me`, description: "the sandbox Users API (needs users:read)" };
    }
    if (input.grantedScopes.includes("export-jobs:read")) {
      return { kind: "sandbox", url: `${input.appUrl}/sandbox/v1/export-jobs`, description: "the sandbox Exports API (needs export-jobs:read)" };
    }
    return {
      kind: "skip",
      reason: "The sandbox API has endpoints for users:read and export-jobs:read; this client was granted neither, so there is nothing it may call.",
    };
  }
  if (input.openidRequested && input.userinfoEndpoint) {
    return { kind: "userinfo", url: input.userinfoEndpoint, description: "the server's userinfo endpoint" };
  }
  if (input.testApiUrl) return { kind: "resource", url: input.testApiUrl, description: "the test API configured for this portal (OAUTH_TEST_API_URL)" };
  return {
    kind: "skip",
    reason:
      "This authorization server publishes no userinfo endpoint for the request and no test API is configured (OAUTH_TEST_API_URL), so there is no API to call.",
  };
}
