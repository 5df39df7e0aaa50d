import { describe, expect, it } from "vitest";
import {
  CLIENT_TYPES,
  clientTypeFor,
  clientTypeInfo,
  emptyRegistration,
  FIELD_HELP,
  FIELD_LABELS,
  FIELD_NAMES,
  PKCE_OPTIONS,
  REDIRECT_PRESETS,
  SECTIONS,
  SUBJECT_TYPES,
} from "@/lib/registration/fields";

describe("field metadata", () => {
  it("labels every field with the names partners know from the registration form", () => {
    expect(Object.values(FIELD_LABELS)).toEqual([
      "Client Name",
      "Client URI",
      "Logo",
      "Terms of Service",
      "Privacy Policy",
      "Contacts",
      "Initiation URI",
      "Settings URI",
      "Redirect URIs",
      "Scopes",
      "Client type",
      "PKCE Support",
      "PKCE exception reason",
      "Subject Type Preference",
    ]);
    expect(Object.keys(FIELD_LABELS)).toEqual(FIELD_NAMES);
  });

  it.each(FIELD_NAMES)("has one plain sentence of help for %s", (field) => {
    const help = FIELD_HELP[field];
    expect(help.length).toBeGreaterThan(20);
    expect(help.endsWith(".")).toBe(true);
    expect(help.slice(0, -1)).not.toMatch(/\.\s/);
  });

  it("puts every field in exactly one section, in the documented groups", () => {
    expect(SECTIONS.map((s) => [s.id, s.title])).toEqual([
      ["human", "Human-readable information"],
      ["platform", "Platform-specific information"],
      ["technical", "Technical information"],
    ]);
    expect(SECTIONS[0]?.fields).toEqual(["clientName", "clientUri", "logoId", "tosUri", "policyUri", "contacts"]);
    expect(SECTIONS[1]?.fields).toEqual(["initiateLoginUri", "settingsUri"]);
    const all = SECTIONS.flatMap((s) => s.fields);
    expect([...all].sort()).toEqual([...FIELD_NAMES].sort());
  });

  it.each([
    ["confidential", "web", "client_secret_basic"],
    ["public_spa", "web", "none"],
    ["public_native", "native", "none"],
  ] as const)("maps client type %s to %s + %s", (value, applicationType, method) => {
    expect(CLIENT_TYPES.find((t) => t.value === value)).toMatchObject({ applicationType, tokenEndpointAuthMethod: method });
  });

  it("finds a client type's row, and the client type of a metadata pair", () => {
    for (const type of CLIENT_TYPES) {
      expect(clientTypeInfo(type.value)).toBe(type);
      expect(clientTypeFor(type.applicationType, type.tokenEndpointAuthMethod)).toBe(type.value);
    }
    expect(clientTypeFor("native", "client_secret_basic")).toBeUndefined();
    expect(clientTypeFor("web", "client_secret_post")).toBeUndefined();
  });

  it("lists the subject types and PKCE options", () => {
    expect(SUBJECT_TYPES.map((s) => s.value)).toEqual(["none", "company", "organisation"]);
    expect(PKCE_OPTIONS.map((o) => o.value)).toEqual(["supported", "not_supported"]);
    expect(CLIENT_TYPES[0]?.label).toBe("Confidential: a server-side web app that keeps a secret");
  });

  it("starts a registration empty, as a confidential client with PKCE and no subject preference", () => {
    expect(emptyRegistration()).toEqual({
      clientName: "",
      clientUri: "",
      logoId: null,
      tosUri: "",
      policyUri: "",
      contacts: [],
      initiateLoginUri: "",
      settingsUri: "",
      redirectUris: [],
      scopes: [],
      clientType: "confidential",
      pkceSupport: "supported",
      pkceExceptionReason: "",
      subjectTypePreference: "none",
    });
    const a = emptyRegistration();
    a.contacts.push("x");
    expect(emptyRegistration().contacts).toEqual([]);
  });

  it.each(["https://portal.example", "https://portal.example/"])("offers the redirect presets for app URL %s", (appUrl) => {
    expect(REDIRECT_PRESETS(appUrl)).toEqual([
      expect.objectContaining({ id: "postman_web", uri: "https://oauth.pstmn.io/v1/browser-callback", stagingOnly: false }),
      expect.objectContaining({ id: "postman_desktop", uri: "https://oauth.pstmn.io/v1/callback", stagingOnly: false }),
      expect.objectContaining({ id: "test_connection", uri: "https://portal.example/api/test-connection/callback", stagingOnly: true }),
    ]);
  });
});
