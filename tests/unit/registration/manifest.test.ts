import { describe, expect, it } from "vitest";
import type { RegistrationData } from "@/lib/registration/fields";
import { CLIENT_TYPES, FIELD_NAMES } from "@/lib/registration/fields";
import { fieldErrorsToManifest, MANIFEST_FIELD, parseManifest, toManifest } from "@/lib/registration/manifest";
import { validateRegistration } from "@/lib/registration/schema";
import { STAGING, valid } from "./fixtures";

const opts = { requireLogo: false, brand: "Pleo" };
const manifestOf = (overrides: Partial<RegistrationData> = {}) => toManifest(valid(overrides), "staging", null);
/** A manifest object with some keys replaced (undefined removes a key). */
function withKeys(changes: Record<string, unknown>): Record<string, unknown> {
  const m: Record<string, unknown> = { ...manifestOf(), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete m[k];
  return m;
}
function failed(json: unknown, options = opts) {
  const result = parseManifest(json, options);
  if (result.ok) throw new Error("expected the manifest to be refused");
  return result;
}

describe("toManifest", () => {
  it("uses the RFC 7591 / OpenID Connect metadata names", () => {
    expect(toManifest(valid(), "production", "https://portal.example/api/logos/abc")).toEqual({
      client_name: "Example Client",
      client_uri: "https://client.example/",
      logo_uri: "https://portal.example/api/logos/abc",
      tos_uri: "https://client.example/legal/tos.html",
      policy_uri: "https://client.example/legal/privacy.pdf",
      contacts: ["name.surname@example.io"],
      initiate_login_uri: "https://client.example/connect",
      settings_uri: "https://client.example/settings",
      redirect_uris: ["https://client.example/callback"],
      scope: "users:read users:write",
      token_endpoint_auth_method: "client_secret_basic",
      application_type: "web",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      pkce_supported: true,
      subject_type_preference: "none",
      environment: "production",
    });
  });

  it("leaves out logo_uri without a logo and includes an exception reason when there is one", () => {
    const m = toManifest(valid({ pkceSupport: "not_supported", pkceExceptionReason: "Legacy connector cannot do PKCE yet." }), "staging", null);
    expect(m).not.toHaveProperty("logo_uri");
    expect(m).toMatchObject({ pkce_supported: false, pkce_exception_reason: "Legacy connector cannot do PKCE yet." });
  });

  it("leaves out a reason that goes with no exception, or says nothing", () => {
    expect(manifestOf({ pkceExceptionReason: "Left over from an exception no longer asked for." })).not.toHaveProperty("pkce_exception_reason");
    expect(manifestOf({ pkceSupport: "not_supported", pkceExceptionReason: "   " })).not.toHaveProperty("pkce_exception_reason");
  });

  it("takes application_type and token_endpoint_auth_method from the client type table", () => {
    for (const type of CLIENT_TYPES) {
      expect(manifestOf({ clientType: type.value })).toMatchObject({
        application_type: type.applicationType,
        token_endpoint_auth_method: type.tokenEndpointAuthMethod,
      });
    }
  });

  it("names a manifest field for every form field", () => {
    expect(Object.keys(MANIFEST_FIELD)).toEqual(FIELD_NAMES);
    expect(MANIFEST_FIELD.logoId).toBe("logo_uri");
    expect(MANIFEST_FIELD.clientType).toBe("token_endpoint_auth_method");
    expect(MANIFEST_FIELD.scopes).toBe("scope");
  });
});

describe("parseManifest round trip", () => {
  it.each<[string, Partial<RegistrationData>]>([
    ["confidential", {}],
    ["single-page app", { clientType: "public_spa", subjectTypePreference: "company" }],
    ["native app", { clientType: "public_native", redirectUris: ["com.example.app:/callback", "http://127.0.0.1/cb"] }],
    ["PKCE exception", { pkceSupport: "not_supported", pkceExceptionReason: "Our batch connector has no browser step to add PKCE to." }],
    [
      "many values",
      { contacts: ["a@client.example", "b@client.example"], scopes: ["export-jobs:read", "export-items:read"], subjectTypePreference: "organisation" },
    ],
  ])("gives back the same data except the logo (%s)", (_label, overrides) => {
    const data = valid(overrides);
    for (const environment of ["staging", "production"] as const) {
      if (environment === "production" && data.redirectUris.some((u) => u.startsWith("http:"))) continue;
      const json: unknown = JSON.parse(JSON.stringify(toManifest(data, environment, "https://portal.example/logo")));
      expect(parseManifest(json, opts)).toEqual({ ok: true, environment, data: { ...data, logoId: null }, warnings: [expect.anything()] });
    }
  });

  it("warns that logo_uri is ignored, and uses the default environment when none is given", () => {
    const result = parseManifest(withKeys({ logo_uri: "https://client.example/logo.png", environment: undefined }), {
      ...opts,
      defaultEnvironment: "production",
    });
    expect(result).toMatchObject({ ok: true, environment: "production", data: { logoId: null } });
    expect(result.ok && result.warnings).toEqual([{ field: "logoId", message: expect.stringMatching(/^logo_uri was ignored: upload your logo/) }]);
    expect(parseManifest(withKeys({ environment: undefined }), opts)).toMatchObject({ ok: true, environment: "staging" });
  });

  it("reports the logo on logo_uri when a logo is required", () => {
    const result = failed(manifestOf(), { ...opts, requireLogo: true });
    expect(result.error).toBe("invalid_client_metadata");
    expect(result.fieldErrors).toEqual({ logo_uri: [expect.stringMatching(/^Upload a square logo.*Add it in the registration wizard/)] });
  });

  it("ignores unknown keys and treats null as absent", () => {
    const result = parseManifest(withKeys({ software_id: "x", jwks_uri: 5, logo_uri: null, pkce_exception_reason: null }), opts);
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it("validates in the manifest's own environment", () => {
    const local = withKeys({ redirect_uris: ["http://127.0.0.1:8080/cb"] });
    expect(parseManifest({ ...local, environment: "staging" }, opts).ok).toBe(true);
    expect(failed({ ...local, environment: "production" }).error).toBe("invalid_redirect_uri");
  });
});

describe("parseManifest client types", () => {
  it.each([
    [undefined, "client_secret_basic", "confidential"],
    ["web", "client_secret_basic", "confidential"],
    ["web", undefined, "confidential"],
    ["web", "none", "public_spa"],
    [undefined, "none", "public_spa"],
    ["native", "none", "public_native"],
  ])("application_type %j + token_endpoint_auth_method %j is %s", (application_type, token_endpoint_auth_method, clientType) => {
    const redirect_uris = ["https://client.example/callback"];
    const result = parseManifest(withKeys({ application_type, token_endpoint_auth_method, redirect_uris }), opts);
    expect(result).toMatchObject({ ok: true, data: { clientType } });
  });

  it.each([
    ["web", "client_secret_post", /^client_secret_post is not supported: set token_endpoint_auth_method to "client_secret_basic"/],
    ["web", "private_key_jwt", /^private_key_jwt is not supported/],
    ["native", "client_secret_basic", /^Native apps cannot keep a secret/],
    ["native", undefined, /^Native apps cannot keep a secret/],
    ["web", "tls_client_auth", /^Set token_endpoint_auth_method to "client_secret_basic" or "none"\. Allowed:/],
  ])("refuses %j + %j on token_endpoint_auth_method", (application_type, token_endpoint_auth_method, pattern) => {
    const result = failed(withKeys({ application_type, token_endpoint_auth_method }));
    expect(result.error).toBe("invalid_client_metadata");
    expect(result.fieldErrors).toEqual({ token_endpoint_auth_method: [expect.stringMatching(pattern)] });
  });

  it.each(["browser", 3])("refuses application_type %j", (application_type) => {
    expect(failed(withKeys({ application_type })).fieldErrors.application_type).toHaveLength(1);
  });
});

describe("parseManifest errors", () => {
  it("uses invalid_redirect_uri when any redirect URI is wrong, naming it", () => {
    const result = failed(withKeys({ client_name: "", redirect_uris: ["https://client.example/cb", "https://client.example/cb#x"] }));
    expect(result.error).toBe("invalid_redirect_uri");
    expect(result.fieldErrors.redirect_uris).toEqual([
      '"https://client.example/cb#x": Remove the fragment (the # and everything after it): redirect URIs cannot contain one.',
    ]);
    expect(result.fieldErrors.client_name).toHaveLength(1);
    expect(result.errorDescription).toBe(`redirect_uris: ${result.fieldErrors.redirect_uris?.[0]}`);
  });

  it("uses invalid_client_metadata otherwise, describing the first problem", () => {
    const result = failed(withKeys({ client_name: "Pleo Connect", scope: "users:read payments:write" }));
    expect(result.error).toBe("invalid_client_metadata");
    expect(Object.keys(result.fieldErrors)).toEqual(["client_name", "scope"]);
    expect(result.errorDescription).toMatch(/^client_name: Choose a name without "Pleo"/);
    expect(result.fieldErrors.scope).toEqual([
      '"payments:write": "payments:write" is not a scope we offer: pick scopes from the list, for example export-jobs:read.',
    ]);
  });

  it.each([
    [{ contacts: "x" }, "contacts", 'contacts must be an array of strings, such as ["dev@client.example"], not a string.'],
    [{ redirect_uris: 5 }, "redirect_uris", 'redirect_uris must be an array of strings, such as ["https://client.example/callback"], not a number.'],
    [{ redirect_uris: ["https://client.example/cb", 7] }, "redirect_uris", "Every entry of redirect_uris must be a string: entry 2 is a number."],
    [{ scope: ["users:read"] }, "scope", 'scope must be one string with the scopes separated by spaces, such as "users:read users:write", not an array.'],
    [{ client_name: { en: "Example" } }, "client_name", "client_name must be a JSON string, not an object."],
    [{ client_uri: 1 }, "client_uri", "client_uri must be a JSON string, not a number."],
    [{ pkce_supported: "yes" }, "pkce_supported", "pkce_supported must be true or false, not a string."],
    [{ subject_type_preference: false }, "subject_type_preference", "subject_type_preference must be a JSON string, not a boolean."],
    [{ subject_type_preference: "tenant" }, "subject_type_preference", "Choose a subject type preference: None, Company or Organisation."],
    [{ environment: "dev" }, "environment", 'Set environment to "staging" or "production".'],
    [{ environment: 1 }, "environment", "environment must be a JSON string, not a number."],
    [
      { grant_types: ["authorization_code", "client_credentials"] },
      "grant_types",
      'Remove "client_credentials": only authorization_code and refresh_token are supported.',
    ],
    [{ response_types: ["token"] }, "response_types", 'Remove "token": only code is supported.'],
    [{ response_types: "code" }, "response_types", 'response_types must be an array of strings, such as ["code"], not a string.'],
  ])("reports a wrong JSON value %j on its field, without throwing", (changes, key, message) => {
    const result = failed(withKeys(changes));
    expect(result.fieldErrors).toEqual({ [key]: [message] });
    expect(result.error).toBe(key === "redirect_uris" ? "invalid_redirect_uri" : "invalid_client_metadata");
  });

  it.each([null, "manifest", 5, [manifestOf()], true])("refuses %j as a whole", (json) => {
    const result = failed(json);
    expect(result).toMatchObject({ error: "invalid_client_metadata", fieldErrors: { root: [expect.any(String)] } });
    expect(result.errorDescription).toMatch(/^Send the client metadata as a JSON object/);
  });

  it("reports every missing required field of an empty manifest", () => {
    const result = failed({});
    expect(result.error).toBe("invalid_redirect_uri");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ["client_name", "client_uri", "contacts", "initiate_login_uri", "policy_uri", "redirect_uris", "scope", "settings_uri", "tos_uri"].sort(),
    );
  });

  it("maps the PKCE rules onto the manifest names", () => {
    expect(failed(withKeys({ token_endpoint_auth_method: "none", pkce_supported: false })).fieldErrors).toEqual({
      pkce_supported: [expect.stringMatching(/^Choose Supported: public clients cannot keep a secret/)],
    });
    expect(failed(withKeys({ pkce_supported: false })).fieldErrors).toEqual({
      pkce_exception_reason: [expect.stringMatching(/^Explain in at least 20 characters/)],
    });
  });
});

describe("fieldErrorsToManifest", () => {
  it("renames form paths and names array items", () => {
    const data = valid({ redirectUris: ["https://a.example/cb", "bad"], contacts: ["x"] });
    const { fieldErrors } = validateRegistration({ ...data, clientName: "" }, STAGING);
    const mapped = fieldErrorsToManifest(fieldErrors, data);
    expect(Object.keys(mapped).sort()).toEqual(["client_name", "contacts", "redirect_uris"]);
    expect(mapped.redirect_uris?.[0]).toMatch(/^"bad": Enter the full redirect URI/);
    expect(fieldErrorsToManifest({ "scopes.1": ["Oops."], logoId: ["Upload."], root: ["Object."] })).toEqual({
      scope: ["Item 2: Oops."],
      logo_uri: ["Upload."],
      root: ["Object."],
    });
  });
});
