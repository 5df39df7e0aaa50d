import { get } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { formErrors } from "@/components/registration/wizard/form-errors";
import { validateRegistration } from "@/lib/registration/check";
import { STAGING, valid } from "./fixtures";

describe("formErrors (the wizard's resolver output)", () => {
  it("puts a list's line errors in an array, which react-hook-form looks up, and keeps the list's own message", () => {
    const errors = formErrors({ "contacts.1": ["This address is already listed: remove the duplicate."], clientName: ["Too short."] });
    expect(Array.isArray(errors.contacts)).toBe(true);
    expect(get(errors, "contacts.1.message")).toMatch(/already listed/);
    expect(get(errors, "clientName.message")).toBe("Too short.");
    const both = formErrors({ redirectUris: ["List at most 10 redirect URIs: remove 1."], "redirectUris.3": ["Remove the fragment."] });
    expect(Array.isArray(both.redirectUris)).toBe(true);
    expect(both.redirectUris).toMatchObject({ message: "List at most 10 redirect URIs: remove 1.", 3: { message: "Remove the fragment." } });
  });

  it("carries every field validateRegistration reports", () => {
    const result = validateRegistration(valid({ contacts: ["a@b.example", "A@b.example"], redirectUris: ["https://x.example/#f"] }), STAGING);
    const errors = formErrors(result.fieldErrors);
    for (const key of Object.keys(result.fieldErrors)) expect(get(errors, `${key}.message`)).toBe(result.fieldErrors[key]![0]);
  });
});
