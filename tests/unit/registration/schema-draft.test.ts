import { describe, expect, it } from "vitest";
import { emptyRegistration } from "@/lib/registration/fields";
import { draftSchema, incompleteSections, registrationWarnings, sectionStatus, validateRegistration } from "@/lib/registration/schema";
import { PRODUCTION, STAGING, valid } from "./fixtures";

describe("draftSchema", () => {
  it("turns an empty or partial draft into a complete registration", () => {
    expect(draftSchema.parse({})).toEqual(emptyRegistration());
    expect(draftSchema.parse({ clientName: "Ac", scopes: ["users:read"] })).toEqual({
      ...emptyRegistration(),
      clientName: "Ac",
      scopes: ["users:read"],
    });
  });

  it("keeps invalid but bounded values exactly as typed, so work in progress is never lost", () => {
    const draft = {
      clientName: " P ",
      clientUri: "not a url",
      redirectUris: ["https://client.example/cb#frag", "  "],
      contacts: ["nope"],
      scopes: ["made:up"],
      clientType: "public_spa",
      pkceSupport: "not_supported",
      pkceExceptionReason: "short",
      subjectTypePreference: "organisation",
    };
    expect(draftSchema.parse(draft)).toEqual({ ...emptyRegistration(), ...draft });
    expect(draftSchema.parse(valid())).toEqual(valid());
  });

  it.each([
    ["clientName", 5, ""],
    ["clientUri", { href: "https://x" }, ""],
    ["logoId", 7, null],
    ["logoId", "", null],
    ["contacts", "x", []],
    ["redirectUris", 5, []],
    ["redirectUris", [1, "https://client.example/cb", null], ["https://client.example/cb"]],
    ["scopes", "users:read", []],
    ["clientType", "server", "confidential"],
    ["pkceSupport", false, "supported"],
    ["subjectTypePreference", "organization", "none"],
    ["pkceExceptionReason", null, ""],
  ])("coerces %s %j to %j without throwing", (field, value, expected) => {
    const result = draftSchema.safeParse({ clientName: "Kept", [field]: value });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ [field]: expected });
    if (field !== "clientName") expect(result.data?.clientName).toBe("Kept");
  });

  it("strips unknown keys", () => {
    const input: unknown = JSON.parse('{"clientName": "Kept", "isAdmin": true, "status": "APPROVED", "__proto__": {"polluted": 1}}');
    const parsed = draftSchema.parse(input);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(emptyRegistration()).sort());
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["a huge string", { clientName: "x".repeat(4097) }],
    ["a huge list item", { redirectUris: ["x".repeat(4097)] }],
    ["a huge list", { contacts: Array.from({ length: 51 }, () => "a@b.co") }],
    ["a huge logo id", { logoId: "x".repeat(4097) }],
    ["a string instead of an object", "draft"],
    ["null", null],
    ["an array", []],
  ])("refuses %s", (_label, input) => {
    expect(draftSchema.safeParse(input).success).toBe(false);
  });

  it("allows strings and lists right at the caps", () => {
    const parsed = draftSchema.parse({ clientName: "x".repeat(4096), contacts: Array.from({ length: 50 }, () => "a@b.co") });
    expect(parsed.contacts).toHaveLength(50);
  });
});

describe("sectionStatus", () => {
  it("marks every section complete for a valid registration", () => {
    expect(sectionStatus(valid(), STAGING)).toEqual({ human: "complete", platform: "complete", technical: "complete" });
  });

  it("marks everything incomplete for an empty draft", () => {
    expect(sectionStatus(emptyRegistration(), STAGING)).toEqual({ human: "incomplete", platform: "incomplete", technical: "incomplete" });
    expect(sectionStatus("nonsense", STAGING)).toEqual({ human: "incomplete", platform: "incomplete", technical: "incomplete" });
  });

  it.each([
    [{ logoId: null }, "human"],
    [{ contacts: ["a@client.example", "A@client.example"] }, "human"],
    [{ settingsUri: "" }, "platform"],
    [{ initiateLoginUri: "http://client.example" }, "platform"],
    [{ redirectUris: ["https://client.example/#x"] }, "technical"],
    [{ pkceSupport: "not_supported" }, "technical"],
  ] as const)("flags only the section with the problem for %j", (overrides, section) => {
    const status = sectionStatus(valid(overrides as never), STAGING);
    expect(
      Object.entries(status)
        .filter(([, s]) => s === "incomplete")
        .map(([id]) => id),
    ).toEqual([section]);
  });

  it("reads the sections off field errors, as the wizard's step list does", () => {
    expect(incompleteSections({})).toEqual(new Set());
    expect(incompleteSections({ "redirectUris.2": ["x"], settingsUri: ["y"] })).toEqual(new Set(["platform", "technical"]));
    expect(incompleteSections({ root: ["Send the registration as an object of form fields."] })).toEqual(new Set(["human", "platform", "technical"]));
  });

  it("depends on the environment", () => {
    const data = valid({ clientUri: "http://localhost:3000" });
    expect(sectionStatus(data, STAGING).human).toBe("complete");
    expect(sectionStatus(data, PRODUCTION).human).toBe("incomplete");
  });
});

describe("warnings", () => {
  it("has none for a tidy registration", () => {
    expect(validateRegistration(valid(), STAGING).warnings).toEqual([]);
  });

  it("warns when redirect URIs are on another domain than the app's pages, without blocking", () => {
    const result = validateRegistration(valid({ redirectUris: ["https://auth.elsewhere.example/cb"] }), STAGING);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([{ field: "redirectUris", message: expect.stringMatching(/auth\.elsewhere\.example/) }]);
  });

  it("recommends 127.0.0.1 for a localhost redirect URI", () => {
    const result = validateRegistration(valid({ redirectUris: ["http://localhost:8080/cb"] }), STAGING);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([{ field: "redirectUris", message: expect.stringMatching(/^Consider http:\/\/127\.0\.0\.1/) }]);
  });

  it("flags Postman and loopback redirect URIs in Production", () => {
    const result = validateRegistration(
      valid({ redirectUris: ["https://client.example/cb", "https://oauth.pstmn.io/v1/callback", "http://127.0.0.1/cb"] }),
      PRODUCTION,
    );
    expect(result.valid).toBe(false);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/Postman test callback/)]);
    expect(result.fieldErrors["redirectUris.2"]).toBeDefined();
    expect(registrationWarnings({ redirectUris: ["https://oauth.pstmn.io/v1/callback"] }, "staging")).toEqual([]);
  });

  it("still warns on invalid or oddly shaped input", () => {
    expect(validateRegistration({ redirectUris: ["http://localhost/cb", 5] }, STAGING).warnings).toHaveLength(1);
    expect(validateRegistration(42, STAGING).warnings).toEqual([]);
  });
});
