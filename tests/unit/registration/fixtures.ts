// Shared test data for the registration rules (not a test file itself).
import type { RegistrationData } from "@/lib/registration/fields";
import { validateRegistration, type RuleContext } from "@/lib/registration/schema";

export const STAGING: RuleContext = { environment: "staging", brand: "Pleo" };
export const PRODUCTION: RuleContext = { environment: "production", brand: "Pleo" };

/** A complete registration that passes every rule in both environments. */
export function valid(overrides: Partial<RegistrationData> = {}): RegistrationData {
  return {
    clientName: "Example Client",
    clientUri: "https://client.example/",
    logoId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
    tosUri: "https://client.example/legal/tos.html",
    policyUri: "https://client.example/legal/privacy.pdf",
    contacts: ["name.surname@example.io"],
    initiateLoginUri: "https://client.example/connect",
    settingsUri: "https://client.example/settings",
    redirectUris: ["https://client.example/callback"],
    scopes: ["users:read", "users:write"],
    clientType: "confidential",
    pkceSupport: "supported",
    pkceExceptionReason: "",
    subjectTypePreference: "none",
    ...overrides,
  };
}

/** Field errors (dotted form paths) for data that has the given overrides. */
export function errorsFor(overrides: Record<string, unknown>, ctx: RuleContext = STAGING): Record<string, string[]> {
  return validateRegistration({ ...valid(), ...overrides }, ctx).fieldErrors;
}
