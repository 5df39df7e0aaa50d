import { describe, expect, it } from "vitest";
import { checkRedirectUri, PRODUCTION_MESSAGES } from "@/lib/registration/redirect-uris";
import { emptyRegistration, POSTMAN_WEB_CALLBACK, portalCallbackUri, type RegistrationData } from "@/lib/registration/fields";
import { validateRegistration } from "@/lib/registration/schema";
import { changedTechnicalFields, productionChecklist } from "@/lib/registration/promotion";

const portal = portalCallbackUri("https://portal.example");
const prod = { environment: "production" as const, clientType: "confidential" as const, portalCallback: portal };

describe("Production redirect URI rules", () => {
  it.each(["https://127.0.0.1/cb", "https://localhost:8443/cb", "https://[::1]/cb"])("refuses loopback %s", (uri) => {
    expect(checkRedirectUri(uri, prod)).toBe(PRODUCTION_MESSAGES.loopback);
  });

  it("refuses http loopback too (with the https rule's message)", () => {
    expect(checkRedirectUri("http://127.0.0.1/cb", prod)).toMatch(/https/);
  });

  it("refuses the portal's own Test connection callback, even on https", () => {
    expect(checkRedirectUri(portal, prod)).toBe(PRODUCTION_MESSAGES.portalCallback);
    expect(checkRedirectUri(portal, { ...prod, environment: "staging" })).toBeUndefined();
  });

  it("allows a Postman callback (flagged for the reviewer, not refused)", () => {
    expect(checkRedirectUri(POSTMAN_WEB_CALLBACK, prod)).toBeUndefined();
  });

  it("still allows private-use schemes for native apps", () => {
    expect(checkRedirectUri("com.example.app:/callback", { ...prod, clientType: "public_native" })).toBeUndefined();
  });

  it("validateRegistration applies the portal callback rule only with that context", () => {
    const data: RegistrationData = { ...emptyRegistration(), redirectUris: [portal] };
    const withCtx = validateRegistration(data, { environment: "production", brand: "Acme", portalCallback: portal });
    expect(withCtx.fieldErrors["redirectUris.0"]).toEqual([PRODUCTION_MESSAGES.portalCallback]);
    const without = validateRegistration(data, { environment: "production", brand: "Acme" });
    expect(without.fieldErrors["redirectUris.0"]).toBeUndefined();
  });
});

describe("promotion helpers", () => {
  const base: RegistrationData = { ...emptyRegistration(), redirectUris: ["https://a.example/cb"], scopes: ["users:read"] };

  it("names the technical fields that changed (order of lists ignored)", () => {
    expect(changedTechnicalFields(base, { ...base, clientName: "Other" })).toEqual([]);
    expect(changedTechnicalFields({ ...base, scopes: ["a:read", "b:read"] }, { ...base, scopes: ["b:read", "a:read"] })).toEqual([]);
    expect(changedTechnicalFields(base, { ...base, redirectUris: ["https://b.example/cb"], clientType: "public_spa" })).toEqual(["redirectUris", "clientType"]);
  });

  it("lists each loopback or portal callback with its wizard step and field anchor, and flags Postman", () => {
    const items = productionChecklist(
      { ...base, redirectUris: ["https://127.0.0.1/cb", portal, POSTMAN_WEB_CALLBACK] },
      { brand: "Acme", portalCallback: portal },
    );
    const redirects = items.filter((i) => i.field === "redirectUris");
    expect(redirects.filter((i) => i.blocking).map((i) => i.message)).toEqual([
      `https://127.0.0.1/cb: ${PRODUCTION_MESSAGES.loopback}`,
      `${portal}: ${PRODUCTION_MESSAGES.portalCallback}`,
    ]);
    expect(redirects.find((i) => !i.blocking)?.message).toMatch(/Postman/);
    expect(redirects.every((i) => i.step === "technical" && i.anchor === "reg-redirectUris")).toBe(true);
  });
});

describe("the portal callback on a local (http) portal", () => {
  it("names the portal callback rather than asking for https", () => {
    const local = portalCallbackUri("http://localhost:3000");
    expect(checkRedirectUri(local, { ...prod, portalCallback: local })).toBe(PRODUCTION_MESSAGES.portalCallback);
  });
});
