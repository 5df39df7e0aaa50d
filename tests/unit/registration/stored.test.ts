import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyRegistration, FIELD_NAMES } from "@/lib/registration/fields";
import { draftSchema } from "@/lib/registration/schema";
import { readStoredDraft, unreadableNotice } from "@/lib/registration/stored";
import { fuzz, hostileJson } from "../../support/hostile";
import { valid } from "./fixtures";

// Revision.data is read leniently: rows outlive the schema. What reads is kept, what does not
// is named, and nothing throws.

describe("readStoredDraft", () => {
  it("reads a registration stored today as it is, with nothing unreadable", () => {
    expect(readStoredDraft(valid())).toEqual({ data: valid(), unreadable: [] });
    expect(readStoredDraft(JSON.parse(JSON.stringify(emptyRegistration())))).toEqual({ data: emptyRegistration(), unreadable: [] });
  });

  it.each([null, undefined, "a string", 42, true, [], [valid()]])("reads junk (%j) as an empty registration with every field unreadable", (junk) => {
    expect(readStoredDraft(junk)).toEqual({ data: emptyRegistration(), unreadable: [...FIELD_NAMES] });
  });

  it("gives missing and null fields their default without calling them unreadable (fields added since)", () => {
    const { subjectTypePreference: _s, settingsUri: _u, ...older } = valid();
    expect(readStoredDraft({ ...older, logoId: null, pkceExceptionReason: null })).toEqual({
      data: { ...valid(), subjectTypePreference: "none", settingsUri: "", logoId: null },
      unreadable: [],
    });
  });

  it("keeps what reads and names what does not, in form order, then keys that are no field", () => {
    const stored = {
      ...valid(),
      scopes: "users:read users:write", // an older shape: one string
      clientType: "public", // a value that no longer exists
      clientUri: { href: "https://client.example/" },
      redirect_uris: ["https://client.example/callback"], // a manifest name stored by mistake
    };
    expect(readStoredDraft(stored)).toEqual({
      data: { ...valid(), scopes: [], clientType: "confidential", clientUri: "" },
      unreadable: ["clientUri", "scopes", "clientType", "redirect_uris"],
    });
  });

  it("keeps the strings of a partly readable list and calls the list unreadable", () => {
    const read = readStoredDraft({ ...valid(), contacts: ["a@client.example", 7, null, "b@client.example"] });
    expect(read.data.contacts).toEqual(["a@client.example", "b@client.example"]);
    expect(read.unreadable).toEqual(["contacts"]);
  });

  it("shows oversized values as they were stored (size limits apply when saving)", () => {
    const long = "x".repeat(5000);
    expect(draftSchema.safeParse({ ...valid(), clientName: long }).success).toBe(false);
    expect(readStoredDraft({ ...valid(), clientName: long })).toEqual({ data: { ...valid(), clientName: long }, unreadable: [] });
  });

  it("reads a blank logo reference as no logo, as the draft schema does", () => {
    expect(readStoredDraft({ ...valid(), logoId: "  " })).toEqual({ data: { ...valid(), logoId: null }, unreadable: [] });
  });

  it("never throws, and agrees with the draft schema wherever that accepts the value", () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson(), fc.record({ clientName: fc.anything(), scopes: fc.anything(), clientType: fc.anything() })), (input) => {
        const read = readStoredDraft(input);
        const draft = draftSchema.safeParse(input);
        if (draft.success) expect(read.data).toEqual(draft.data);
        // Each name is a form field or a key of the stored object.
        const keys = typeof input === "object" && input !== null ? Object.keys(input) : [];
        expect(read.unreadable.every((k) => (FIELD_NAMES as readonly string[]).includes(k) || keys.includes(k))).toBe(true);
      }),
      fuzz(500),
    );
  });
});

describe("unreadableNotice", () => {
  it("is null when everything was read", () => {
    expect(unreadableNotice([])).toBeNull();
  });

  it("names fields by their label and other keys as they are", () => {
    expect(unreadableNotice(["redirectUris", "clientType", "redirect_uris"])).toBe(
      'Some fields of this revision could not be read: Redirect URIs, Client type, "redirect_uris". They are shown empty or with their default value.',
    );
  });
});
