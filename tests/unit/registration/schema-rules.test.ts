import { describe, expect, it } from "vitest";
import { z } from "zod";
import { brandMessage } from "@/lib/registration/brand";
import { EMAIL } from "@/lib/registration/rules";
import { ALL_SCOPES } from "@/lib/registration/scopes";
import { strictSchema, validateRegistration } from "@/lib/registration/schema";
import { errorsFor, PRODUCTION, STAGING, valid } from "./fixtures";

describe("strictSchema / validateRegistration", () => {
  it("checks contacts with the account forms' address pattern (zod's, copied to keep zod off the wizard's first load)", () => {
    expect(EMAIL.source).toBe(z.regexes.email.source);
    expect(EMAIL.flags).toBe(z.regexes.email.flags);
  });

  it("accepts a complete registration and returns it trimmed", () => {
    const result = validateRegistration(
      valid({ clientName: "  Example Client ", contacts: [" name.surname@example.io "], redirectUris: [" https://client.example/cb/ "] }),
      STAGING,
    );
    expect(result).toMatchObject({ valid: true, fieldErrors: {} });
    expect(result.data).toEqual(valid({ contacts: ["name.surname@example.io"], redirectUris: ["https://client.example/cb/"] }));
    expect(validateRegistration(valid(), PRODUCTION).valid).toBe(true);
  });

  it("reports issues on form field paths, with item indexes", () => {
    const result = strictSchema(STAGING).safeParse(
      valid({ redirectUris: ["https://client.example/a", "https://client.example/b", "https://x.example/#f"], contacts: ["nope"] }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ["contacts", 0],
      ["redirectUris", 2],
    ]);
  });

  it("reuses one schema per environment and brand", () => {
    expect(strictSchema(STAGING)).toBe(strictSchema({ environment: "staging", brand: "Pleo" }));
    expect(strictSchema(STAGING)).not.toBe(strictSchema(PRODUCTION));
    expect(strictSchema(STAGING)).not.toBe(strictSchema({ environment: "staging", brand: "Acme" }));
  });

  it.each([null, "registration", 42, []])("refuses %j as a whole, under root", (input) => {
    const result = validateRegistration(input, STAGING);
    expect(result.valid).toBe(false);
    expect(Object.keys(result.fieldErrors)).toEqual(["root"]);
  });

  it("explains every missing field of an empty object", () => {
    const errors = validateRegistration({}, STAGING).fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(
      [
        "clientName",
        "clientUri",
        "contacts",
        "initiateLoginUri",
        "logoId",
        "policyUri",
        "redirectUris",
        "scopes",
        "settingsUri",
        "tosUri",
        "clientType",
        "pkceSupport",
        "subjectTypePreference",
      ].sort(),
    );
    expect(errors.clientUri).toEqual(["Enter the Client URI, starting with https://."]);
    expect(errors.contacts).toEqual(["Add at least one contact e-mail address."]);
  });
});

describe("Client Name", () => {
  it.each(["Ex", "Example Client", "x".repeat(60), "Zoë's Books & Co.", "会計コネクト", "🚀".repeat(60)])("accepts %j", (clientName) => {
    expect(errorsFor({ clientName }).clientName).toBeUndefined();
  });

  it.each([
    ["", "Enter the name of your app, as people should see it (2 to 60 characters)."],
    ["   ", "Enter the name of your app, as people should see it (2 to 60 characters)."],
    [" A ", "Use at least 2 characters for the client name."],
    ["x".repeat(61), "Shorten the client name to at most 60 characters (it has 61)."],
    ["Example\u0000Client", "Remove the control characters (such as tabs or line breaks) from the name."],
    ["Example\tClient", "Remove the control characters (such as tabs or line breaks) from the name."],
    ["Example\nClient", "Remove the control characters (such as tabs or line breaks) from the name."],
    ["Example\u202eClient", "Remove the invisible or text-direction characters from the name."],
    [42, "Enter the name of your app, as people should see it (2 to 60 characters)."],
  ])("refuses %j", (clientName, message) => {
    expect(errorsFor({ clientName }).clientName).toEqual([message]);
  });

  it.each([
    "Pleo Sync",
    "pleo",
    "PLEO",
    "Official Pleo client",
    "Accounting by Pleo",
    "\u0420leo",
    "\uff30\uff4c\uff45\uff4f",
    "Pl\u200Beo",
    "Ple0",
    "PleoSync",
    "Pleo-Connect",
  ])("refuses the brand in %j", (clientName) => {
    expect(errorsFor({ clientName }).clientName).toEqual([brandMessage("Pleo")]);
  });

  it.each(["Pleonasm Analytics", "Example Client", "Apollo", "Peleo"])("accepts %j, which only looks like the brand", (clientName) => {
    expect(errorsFor({ clientName }).clientName).toBeUndefined();
  });

  it("uses the configured brand", () => {
    const acme = { environment: "staging", brand: "Acme" } as const;
    expect(errorsFor({ clientName: "Acme" }, acme).clientName).toEqual([brandMessage("Acme")]);
    expect(errorsFor({ clientName: "Pleo" }, acme).clientName).toBeUndefined();
  });
});

describe("web URL fields", () => {
  it.each(["clientUri", "tosUri", "policyUri", "initiateLoginUri", "settingsUri"])("%s follows the web URL rules", (field) => {
    expect(errorsFor({ [field]: "https://client.example/x" })[field]).toBeUndefined();
    expect(errorsFor({ [field]: "http://localhost:3000/x" })[field]).toBeUndefined();
    expect(errorsFor({ [field]: "http://localhost:3000/x" }, PRODUCTION)[field]).toEqual([
      "Use https:// (Production does not accept http, not even for localhost).",
    ]);
    expect(errorsFor({ [field]: "http://client.example/x" })[field]).toHaveLength(1);
    expect(errorsFor({ [field]: "not a url" })[field]).toHaveLength(1);
    expect(errorsFor({ [field]: undefined })[field]?.[0]).toMatch(/^Enter the .+, starting with https:\/\/\.$/);
  });

  it("lets the Settings URI equal the Initiation URI", () => {
    expect(validateRegistration(valid({ settingsUri: "https://client.example/connect" }), STAGING).valid).toBe(true);
  });
});

describe("Logo", () => {
  it.each(["6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", "6F1D2C3B-4A5E-4F60-8A7B-9C0D1E2F3A4B"])("accepts an uploaded logo id %j", (logoId) => {
    expect(errorsFor({ logoId }).logoId).toBeUndefined();
  });
  it.each([null, "", "  ", undefined, 7])("asks for an upload when the logo id is %j", (logoId) => {
    expect(errorsFor({ logoId }).logoId).toEqual(["Upload a square logo: a PNG, JPEG or WebP image of at least 256×256 px."]);
  });
  it.each(["x".repeat(201), "logo_123", "../../api/logos/x"])("refuses a logo reference that is not an upload id: %j", (logoId) => {
    expect(errorsFor({ logoId }).logoId).toEqual(["Upload the logo again: the stored reference is not valid."]);
  });
});

describe("Contacts", () => {
  const ten = Array.from({ length: 10 }, (_, i) => `dev${i}@client.example`);
  it.each([[["a@client.example"]], [ten], [["Dev@Client.example", "ops+oauth@client.example"]]])("accepts %j", (contacts) => {
    expect(Object.keys(errorsFor({ contacts })).filter((k) => k.startsWith("contacts"))).toEqual([]);
  });

  it.each([
    [[], "contacts", "Add at least one contact e-mail address."],
    [[...ten, "dev10@client.example"], "contacts", "List at most 10 addresses: remove 1."],
    [["not-an-address"], "contacts.0", "Enter an e-mail address like name@company.com."],
    [["a@client.example", "b@localhost"], "contacts.1", "Enter an e-mail address like name@company.com."],
    [["a@client.example", ""], "contacts.1", "Enter an e-mail address, or remove this empty row."],
    [["a@client.example", 5], "contacts.1", "Enter an e-mail address, or remove this empty row."],
    [["Dev@Client.example", "b@client.example", "dev@client.EXAMPLE"], "contacts.2", "This address is already listed: remove the duplicate."],
    ["dev@client.example", "contacts", "Add at least one contact e-mail address."],
  ])("refuses %j (%s)", (contacts, path, message) => {
    expect(errorsFor({ contacts })[path]).toEqual([message]);
  });
});

describe("Redirect URIs", () => {
  const uris = (n: number) => Array.from({ length: n }, (_, i) => `https://client.example/cb${i}`);
  it.each([[uris(1)], [uris(10)], [["https://client.example/cb", "https://client.example/cb/"]]])("accepts %j", (redirectUris) => {
    expect(validateRegistration(valid({ redirectUris }), STAGING).valid).toBe(true);
  });

  it.each([
    [[], "redirectUris", "Add at least one redirect URI."],
    [uris(11), "redirectUris", "List at most 10 redirect URIs: remove 1."],
    [["https://client.example/cb", " https://client.example/cb "], "redirectUris.1", "This redirect URI is already listed: remove the duplicate."],
    [
      ["https://client.example/a", "https://client.example/b", "https://client.example/cb#frag"],
      "redirectUris.2",
      "Remove the fragment (the # and everything after it): redirect URIs cannot contain one.",
    ],
  ])("refuses %j (%s)", (redirectUris, path, message) => {
    expect(errorsFor({ redirectUris })[path]).toEqual([message]);
  });

  it("stores each URI exactly as entered, only trimming outer whitespace", () => {
    const redirectUris = ["  https://Client.example/Call%20Back/?a=1&b=2  ", "\thttp://127.0.0.1:8080/cb/\n"];
    expect(validateRegistration(valid({ redirectUris }), STAGING).data?.redirectUris).toEqual([
      "https://Client.example/Call%20Back/?a=1&b=2",
      "http://127.0.0.1:8080/cb/",
    ]);
  });

  it("judges private-use schemes by the chosen client type", () => {
    const redirectUris = ["com.example.app:/callback"];
    expect(validateRegistration(valid({ redirectUris, clientType: "public_native" }), STAGING).valid).toBe(true);
    expect(errorsFor({ redirectUris, clientType: "public_spa" })["redirectUris.0"]).toHaveLength(1);
  });
});

describe("Scopes", () => {
  it.each([[["export-jobs:read"]], [[...ALL_SCOPES]], [[" users:read "]]])("accepts %j", (scopes) => {
    expect(Object.keys(errorsFor({ scopes })).filter((k) => k.startsWith("scopes"))).toEqual([]);
  });

  it.each([
    [[], "scopes", "Add at least one scope."],
    [["payments:write"], "scopes.0", '"payments:write" is not a scope we offer: pick scopes from the list, for example export-jobs:read.'],
    [["users:read", "users"], "scopes.1", 'Write "users" as resource:permission in lower case, for example users:read.'],
    [["Users:Read"], "scopes.0", 'Write "Users:Read" as resource:permission in lower case, for example users:read.'],
    [["users:read users:write"], "scopes.0", 'Write "users:read users:write" as resource:permission in lower case, for example users:read.'],
    [["users:read", "users:read"], "scopes.1", "users:read is already selected: remove the duplicate."],
    [["users:read", 3], "scopes.1", "Pick a scope from the list, or remove this empty entry."],
  ])("refuses %j (%s)", (scopes, path, message) => {
    expect(errorsFor({ scopes })[path]).toEqual([message]);
  });
});

describe("PKCE", () => {
  const reason = "Our hosted ERP connector cannot send a code challenge until the Q3 release.";
  it.each([
    ["confidential", "supported", ""],
    ["public_spa", "supported", ""],
    ["public_native", "supported", ""],
    ["confidential", "not_supported", reason],
    ["confidential", "not_supported", "x".repeat(20)],
    ["confidential", "not_supported", "x".repeat(500)],
  ])("accepts %s + %s", (clientType, pkceSupport, pkceExceptionReason) => {
    const redirectUris = ["https://client.example/cb"];
    const result = validateRegistration(valid({ clientType, pkceSupport, pkceExceptionReason, redirectUris } as never), STAGING);
    expect(result.fieldErrors).toEqual({});
  });

  it.each(["public_spa", "public_native"])("refuses %s without PKCE, even with a reason", (clientType) => {
    expect(errorsFor({ clientType, pkceSupport: "not_supported", pkceExceptionReason: reason }).pkceSupport).toEqual([
      "Choose Supported: public clients cannot keep a secret, so they must use PKCE with the S256 method.",
    ]);
  });

  it.each([
    ["", /^Explain in at least 20 characters/],
    ["   too short, sorry   ", /^Explain in at least 20 characters/],
    ["x".repeat(501), /^Shorten the explanation to at most 500 characters \(it has 501\)\.$/],
  ])("refuses a confidential exception with reason %j", (pkceExceptionReason, pattern) => {
    expect(errorsFor({ pkceSupport: "not_supported", pkceExceptionReason }).pkceExceptionReason).toEqual([expect.stringMatching(pattern)]);
  });

  it("ignores (and clears) the reason when no exception is needed", () => {
    const result = validateRegistration(valid({ pkceExceptionReason: "x".repeat(900) }), STAGING);
    expect(result.valid).toBe(true);
    expect(result.data?.pkceExceptionReason).toBe("");
  });

  it.each([["maybe"], [true], [undefined]])("refuses PKCE support %j", (pkceSupport) => {
    expect(errorsFor({ pkceSupport }).pkceSupport).toEqual(["Choose whether your app supports PKCE: Supported or Not supported."]);
  });
});

describe("Client type and Subject Type Preference", () => {
  it.each(["none", "company", "organisation"])("accepts subject type %s", (subjectTypePreference) => {
    expect(errorsFor({ subjectTypePreference }).subjectTypePreference).toBeUndefined();
  });
  it.each(["organization", "", null, "Company"])("refuses subject type %j", (subjectTypePreference) => {
    expect(errorsFor({ subjectTypePreference }).subjectTypePreference).toEqual(["Choose a subject type preference: None, Company or Organisation."]);
  });
  it.each(["public", "web", 1])("refuses client type %j", (clientType) => {
    expect(errorsFor({ clientType }).clientType).toEqual(["Choose a client type: confidential, single-page app or mobile/desktop app."]);
  });
});
