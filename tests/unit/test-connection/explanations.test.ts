import { describe, expect, it } from "vitest";
import { explain, explainOAuthError, isProblemCode, problemForOAuthError, type ProblemCode } from "@/lib/test-connection/explanations";

const ALL: ProblemCode[] = [
  "callback_not_registered",
  "redirect_uri_mismatch",
  "invalid_client",
  "invalid_grant",
  "invalid_scope",
  "access_denied",
  "unauthorized_client",
  "unsupported_response_type",
  "invalid_request",
  "login_required",
  "server_error",
  "temporarily_unavailable",
  "server_unreachable",
  "discovery_failed",
  "insecure_issuer",
  "state_unknown",
  "state_missing",
  "state_other_user",
  "state_expired",
  "state_replayed",
  "code_missing",
  "issuer_mismatch",
  "id_token_invalid",
  "invalid_token",
  "insufficient_scope",
  "api_error",
  "no_refresh_token",
  "secret_required",
  "secret_unavailable",
  "client_unavailable",
  "abandoned",
  "unknown",
];

describe("the explanation catalogue", () => {
  it("has a problem and a fix, in sentences, for every code", () => {
    for (const code of ALL) {
      const e = explain(code);
      expect(e.code).toBe(code);
      expect(e.problem.length, code).toBeGreaterThan(30);
      expect(e.fix.length, code).toBeGreaterThan(15);
      expect(e.problem, code).toMatch(/[.)]$/);
      expect(e.fix, code).toMatch(/[.)]$/);
      expect(isProblemCode(code)).toBe(true);
    }
    expect(isProblemCode("toString")).toBe(false);
    expect(isProblemCode("nonsense")).toBe(false);
  });

  it("quotes the server's own words when given", () => {
    expect(explain("invalid_grant", "grant request is invalid").problem).toContain('The server said: "grant request is invalid".');
  });

  it.each([
    ["invalid_redirect_uri", undefined, "redirect_uri_mismatch"],
    ["redirect_uri_mismatch", undefined, "redirect_uri_mismatch"],
    ["invalid_request", "redirect_uri did not match any registered", "redirect_uri_mismatch"],
    ["invalid_request", "missing code_challenge", "invalid_request"],
    ["invalid_client", "client authentication failed", "invalid_client"],
    ["invalid_grant", "grant request is invalid", "invalid_grant"],
    ["invalid_scope", "requested scope is not allowed", "invalid_scope"],
    ["access_denied", "End-User aborted interaction", "access_denied"],
    ["consent_required", undefined, "login_required"],
    ["temporarily_unavailable", undefined, "temporarily_unavailable"],
    ["insufficient_scope", undefined, "insufficient_scope"],
    ["something_new", undefined, "unknown"],
    [undefined, undefined, "unknown"],
  ] as const)("maps %s (%s) to %s", (error, description, expected) => {
    expect(problemForOAuthError(error, description)).toBe(expected);
  });

  it("explains the usual failures in plain words with the fix", () => {
    expect(explain("invalid_client").problem).toMatch(/rotated/);
    expect(explain("invalid_client").fix).toMatch(/Basic/);
    expect(explain("invalid_grant").problem).toMatch(/code_verifier/);
    expect(explain("invalid_grant").problem).toMatch(/expired or was already used/);
    expect(explain("access_denied").problem).toMatch(/Cancel/);
    expect(explain("server_unreachable").problem).toMatch(/could not reach/);
    expect(explain("callback_not_registered").fix).toMatch(/This portal's Test connection/);
    expect(explain("redirect_uri_mismatch").problem).toMatch(/trailing slash/);
  });

  it("keeps long server descriptions short", () => {
    const e = explainOAuthError("invalid_request", "x".repeat(5000));
    expect(e.problem.length).toBeLessThan(explain("invalid_request").problem.length + 350);
  });
});
