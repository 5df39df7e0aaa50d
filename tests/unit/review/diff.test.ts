import { describe, expect, it } from "vitest";
import { SECTIONS, type FieldName } from "@/lib/registration/fields";
import { diffRevisions } from "@/lib/review/diff";
import { valid } from "../registration/fixtures";

describe("diffRevisions", () => {
  it("returns nothing for identical revisions", () => {
    expect(diffRevisions(valid(), valid())).toEqual([]);
  });

  it("shows text fields before and after", () => {
    const before = valid();
    const after = valid({ clientName: "Example Client v2", tosUri: "https://client.example/legal/terms-2025.html" });
    expect(diffRevisions(before, after)).toEqual([
      { field: "clientName", kind: "value", before: "Example Client", after: "Example Client v2" },
      { field: "tosUri", kind: "value", before: "https://client.example/legal/tos.html", after: "https://client.example/legal/terms-2025.html" },
    ]);
  });

  it("shows choices (client type, PKCE, subject type) before and after", () => {
    const diff = diffRevisions(
      valid(),
      valid({ subjectTypePreference: "company", pkceSupport: "not_supported", pkceExceptionReason: "Our SDK cannot send code_verifier yet." }),
    );
    expect(diff).toEqual([
      { field: "pkceSupport", kind: "value", before: "supported", after: "not_supported" },
      { field: "pkceExceptionReason", kind: "value", before: "", after: "Our SDK cannot send code_verifier yet." },
      { field: "subjectTypePreference", kind: "value", before: "none", after: "company" },
    ]);
  });

  it("highlights added and removed redirect URIs", () => {
    const before = valid({ redirectUris: ["https://client.example/callback", "https://client.example/old"] });
    const after = valid({ redirectUris: ["https://client.example/callback", "https://client.example/new", "https://client.example/other"] });
    expect(diffRevisions(before, after)).toEqual([
      {
        field: "redirectUris",
        kind: "list",
        added: ["https://client.example/new", "https://client.example/other"],
        removed: ["https://client.example/old"],
        unchanged: ["https://client.example/callback"],
      },
    ]);
  });

  it("highlights added and removed scopes", () => {
    const diff = diffRevisions(valid({ scopes: ["users:read", "users:write"] }), valid({ scopes: ["users:read", "tags:read"] }));
    expect(diff).toEqual([{ field: "scopes", kind: "list", added: ["tags:read"], removed: ["users:write"], unchanged: ["users:read"] }]);
  });

  it("reports a list that was only reordered, with nothing added or removed", () => {
    const diff = diffRevisions(valid({ scopes: ["users:read", "users:write"] }), valid({ scopes: ["users:write", "users:read"] }));
    expect(diff).toEqual([{ field: "scopes", kind: "list", added: [], removed: [], unchanged: ["users:write", "users:read"] }]);
  });

  it("handles a list that becomes empty or starts empty", () => {
    expect(diffRevisions(valid({ contacts: [] }), valid())).toEqual([
      { field: "contacts", kind: "list", added: ["name.surname@example.io"], removed: [], unchanged: [] },
    ]);
    expect(diffRevisions(valid(), valid({ contacts: [] }))).toEqual([
      { field: "contacts", kind: "list", added: [], removed: ["name.surname@example.io"], unchanged: [] },
    ]);
  });

  it("shows a new logo, and a logo added where there was none", () => {
    const newLogo = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    expect(diffRevisions(valid(), valid({ logoId: newLogo }))).toEqual([
      { field: "logoId", kind: "value", before: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", after: newLogo },
    ]);
    expect(diffRevisions(valid({ logoId: null }), valid({ logoId: newLogo }))).toEqual([{ field: "logoId", kind: "value", before: "", after: newLogo }]);
  });

  it("lists the changed fields in the order of the form (wizard sections)", () => {
    const formOrder: FieldName[] = SECTIONS.flatMap((s) => s.fields);
    const before = valid();
    const after = valid({
      subjectTypePreference: "organisation",
      scopes: ["users:read"],
      clientType: "public_spa",
      redirectUris: ["https://client.example/spa"],
      settingsUri: "https://client.example/prefs",
      contacts: ["dev@client.example"],
      clientName: "Renamed Client",
    });
    const fields = diffRevisions(before, after).map((d) => d.field);
    expect(new Set(fields)).toEqual(new Set(["clientName", "contacts", "settingsUri", "clientType", "redirectUris", "scopes", "subjectTypePreference"]));
    // The wizard and the review page (components/review/registration-fields.tsx) both show
    // Client type before Redirect URIs and Scopes.
    expect(fields).toEqual(formOrder.filter((f) => fields.includes(f)));
  });

  it("keeps the human-readable fields in form order", () => {
    const fields = diffRevisions(valid(), valid({ policyUri: "https://client.example/p", clientName: "Other", clientUri: "https://client.example/about" })).map(
      (d) => d.field,
    );
    expect(fields).toEqual(["clientName", "clientUri", "policyUri"]);
  });
});
