import { describe, expect, it } from "vitest";
import { POSTMAN_DESKTOP_CALLBACK, POSTMAN_WEB_CALLBACK } from "@/lib/registration/fields";
import { reviewChecks, type Check } from "@/lib/review/checks";
import { valid } from "../registration/fixtures";

const staging = { environment: "staging" as const, brand: "Pleo" };
const production = { environment: "production" as const, brand: "Pleo" };
const errors = (checks: Check[]) => checks.filter((c) => c.level === "error");
const warnings = (checks: Check[]) => checks.filter((c) => c.level === "warning");

describe("reviewChecks: the rules as they stand today", () => {
  it("has nothing to say about a valid registration in either environment", () => {
    expect(reviewChecks(valid(), staging)).toEqual([]);
    expect(reviewChecks(valid(), production)).toEqual([]);
  });

  it("re-runs the field rules and names the field by its label", () => {
    const checks = reviewChecks(valid({ clientUri: "not a url" }), staging);
    expect(errors(checks)).toHaveLength(1);
    expect(errors(checks)[0]).toMatchObject({ level: "error", field: "clientUri" });
    expect(errors(checks)[0]?.message).toMatch(/^Client URI: /);
  });

  it("reports errors inside lists on the list field", () => {
    const checks = reviewChecks(valid({ redirectUris: ["https://client.example/callback", "https://client.example/cb#frag"] }), staging);
    expect(errors(checks)).toEqual([
      {
        level: "error",
        field: "redirectUris",
        message: "Redirect URIs: Remove the fragment (the # and everything after it): redirect URIs cannot contain one.",
      },
    ]);
  });

  it("reports every broken field (brand in the name, unknown scope, missing logo)", () => {
    const checks = reviewChecks(valid({ clientName: "Pleo Connector", scopes: ["users:read", "nope:read"], logoId: null }), staging);
    const byField = Object.fromEntries(errors(checks).map((c) => [c.field, c.message]));
    expect(Object.keys(byField).sort()).toEqual(["clientName", "logoId", "scopes"]);
    expect(byField.clientName).toMatch(/^Client Name: /);
    expect(byField.scopes).toMatch(/^Scopes: .*nope:read/);
    expect(byField.logoId).toMatch(/^Logo: /);
  });

  it("passes the environment to the rules (Staging allows loopback http, Production does not)", () => {
    const data = valid({ redirectUris: ["http://127.0.0.1:8080/callback"] });
    expect(errors(reviewChecks(data, staging))).toEqual([]);
    expect(errors(reviewChecks(data, production))).toEqual([
      { level: "error", field: "redirectUris", message: "Redirect URIs: Use https:// (Production does not accept http, not even for localhost)." },
    ]);
  });
});

describe("reviewChecks: review warnings", () => {
  it("warns about loopback redirect URIs on Production (http is also an error there)", () => {
    const checks = reviewChecks(valid({ redirectUris: ["https://client.example/callback", "http://127.0.0.1:8080/callback"] }), production);
    expect(errors(checks).map((c) => c.field)).toEqual(["redirectUris"]);
    expect(warnings(checks)).toContainEqual({
      level: "warning",
      field: "redirectUris",
      message: "Loopback redirect URI on a Production registration: http://127.0.0.1:8080/callback",
    });
  });

  it("refuses, and flags, https://localhost on Production", () => {
    const checks = reviewChecks(valid({ redirectUris: ["https://localhost:3000/callback"] }), production);
    expect(errors(checks).map((c) => c.message)).toEqual([expect.stringMatching(/Replace this loopback address/)]);
    expect(warnings(checks).map((c) => c.message)).toContain("Loopback redirect URI on a Production registration: https://localhost:3000/callback");
    expect(warnings(checks).every((c) => c.field === "redirectUris")).toBe(true);
  });

  it("warns about Postman redirect URIs on Production only", () => {
    const data = valid({ redirectUris: ["https://client.example/callback", POSTMAN_WEB_CALLBACK, POSTMAN_DESKTOP_CALLBACK] });
    const prod = reviewChecks(data, production);
    expect(errors(prod)).toEqual([]);
    const messages = warnings(prod).map((c) => c.message);
    expect(messages).toContain(`Postman redirect URI on a Production registration: ${POSTMAN_WEB_CALLBACK}`);
    expect(messages).toContain(`Postman redirect URI on a Production registration: ${POSTMAN_DESKTOP_CALLBACK}`);
    expect(reviewChecks(data, staging).filter((c) => c.message.includes("Production"))).toEqual([]);
    expect(reviewChecks(valid({ redirectUris: ["http://127.0.0.1/cb"] }), staging).filter((c) => c.message.includes("Loopback"))).toEqual([]);
  });

  it("warns about a PKCE exception and quotes the reason", () => {
    const reason = "Our legacy token library cannot send a code_verifier until Q3.";
    const checks = reviewChecks(valid({ pkceSupport: "not_supported", pkceExceptionReason: reason }), staging);
    expect(errors(checks)).toEqual([]);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ level: "warning", field: "pkceSupport" });
    expect(checks[0]?.message).toContain("PKCE exception");
    expect(checks[0]?.message).toContain(reason);
  });

  it("warns about scopes added since the approved revision, listing them", () => {
    const approved = valid({ scopes: ["users:read", "users:write"] });
    const checks = reviewChecks(valid({ scopes: ["users:read", "users:write", "tags:read", "vendors:write"] }), { ...staging, approved });
    expect(checks).toEqual([{ level: "warning", field: "scopes", message: "Scopes added since the last approval: tags:read, vendors:write" }]);
  });

  it("says nothing about scopes when none were added (removed or reordered only), or when nothing was approved", () => {
    const approved = valid({ scopes: ["users:read", "users:write"] });
    expect(reviewChecks(valid({ scopes: ["users:write"] }), { ...staging, approved })).toEqual([]);
    expect(reviewChecks(valid({ scopes: ["users:write", "users:read"] }), { ...staging, approved })).toEqual([]);
    expect(reviewChecks(valid({ scopes: ["users:read", "tags:read"] }), staging)).toEqual([]);
  });

  it("shows identical messages once", () => {
    // Two redirect URIs with the same Production error, and the same loopback URI listed twice.
    const checks = reviewChecks(
      valid({ redirectUris: ["http://client.example/a", "http://client.example/b", "https://localhost/cb", "https://localhost/cb"] }),
      production,
    );
    const messages = checks.map((c) => c.message);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.filter((m) => m === "Redirect URIs: Use https:// (Production does not accept http, not even for localhost).")).toHaveLength(1);
    expect(messages.filter((m) => m === "Loopback redirect URI on a Production registration: https://localhost/cb")).toHaveLength(1);
    expect(messages.some((m) => m.includes("already listed"))).toBe(true);
  });
});
