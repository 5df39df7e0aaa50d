// Reading a registration from a JSON manifest (RFC 7591 client metadata names). Never throws:
// wrong JSON types become field errors, and error codes follow RFC 7591 section 3.2.2.
import type { ClientType, Environment, RegistrationData } from "./fields";
import { clientTypeFor, ENVIRONMENTS } from "./fields";
import { fieldErrorsToManifest, MANIFEST_ORDER } from "./manifest-format";
import { LOGO_REQUIRED } from "./rules";
import { validateRegistration, type Warning } from "./schema";

export { fieldErrorsToManifest, MANIFEST_FIELD, MANIFEST_ORDER, toManifest, type Manifest } from "./manifest-format";

export type ParseManifestOptions = { requireLogo: boolean; defaultEnvironment?: Environment; brand: string };
type ManifestErrorCode = "invalid_redirect_uri" | "invalid_client_metadata";
export type ParseManifestResult =
  | { ok: true; data: RegistrationData; environment: Environment; warnings: Warning[] }
  | {
      ok: false;
      error: ManifestErrorCode;
      errorDescription: string;
      /** Keyed by manifest name ("redirect_uris", "client_name"); "root" when the JSON is not an object. */
      fieldErrors: Record<string, string[]>;
    };

const ALLOWED_COMBINATIONS =
  'Allowed: application_type "web" with "client_secret_basic" (server-side app), "web" with "none" (single-page app), or "native" with "none" (mobile or desktop app).';
const GRANT_TYPES: readonly string[] = ["authorization_code", "refresh_token"];
const RESPONSE_TYPES: readonly string[] = ["code"];

function authMethodProblem(applicationType: string, method: string): string {
  if (method === "client_secret_post" || method === "client_secret_jwt" || method === "private_key_jwt") {
    return `${method} is not supported: set token_endpoint_auth_method to "client_secret_basic" (the secret goes in the Authorization header), or "none" for public clients. ${ALLOWED_COMBINATIONS}`;
  }
  if (applicationType === "native" && method === "client_secret_basic") {
    return `Native apps cannot keep a secret: set token_endpoint_auth_method to "none". ${ALLOWED_COMBINATIONS}`;
  }
  return `Set token_endpoint_auth_method to "client_secret_basic" or "none". ${ALLOWED_COMBINATIONS}`;
}

export function parseManifest(json: unknown, opts: ParseManifestOptions): ParseManifestResult {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return failure({ root: ['Send the client metadata as a JSON object, such as {"client_name": "Example Client", ...}.'] });
  }
  const m = json as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  const problem = (key: string, message: string) => (errors[key] ??= []).push(message);
  /** null counts as absent, as clients often send it for fields they leave out. */
  const get = (key: string) => (m[key] === null ? undefined : m[key]);

  const text = (key: string, fallback = ""): string => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === "string") return v;
    problem(key, `${key} must be a JSON string, not ${describe(v)}.`);
    return fallback;
  };
  const list = (key: string, example: string): string[] => {
    const v = get(key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem(key, `${key} must be an array of strings, such as [${JSON.stringify(example)}], not ${describe(v)}.`);
      return [];
    }
    const bad = v.findIndex((item) => typeof item !== "string");
    if (bad >= 0) {
      problem(key, `Every entry of ${key} must be a string: entry ${bad + 1} is ${describe(v[bad])}.`);
      return [];
    }
    return v as string[];
  };

  const scopeValue = get("scope");
  let scopes: string[] = [];
  if (typeof scopeValue === "string") scopes = scopeValue.split(/\s+/).filter(Boolean);
  else if (scopeValue !== undefined) {
    problem("scope", `scope must be one string with the scopes separated by spaces, such as "users:read users:write", not ${describe(scopeValue)}.`);
  }

  const applicationType = text("application_type", "web");
  const method = text("token_endpoint_auth_method", "client_secret_basic");
  let clientType: ClientType = "confidential";
  if (!errors.application_type && applicationType !== "web" && applicationType !== "native") {
    problem("application_type", `Set application_type to "web" or "native". ${ALLOWED_COMBINATIONS}`);
  } else if (!errors.application_type && !errors.token_endpoint_auth_method) {
    const mapped = clientTypeFor(applicationType, method);
    if (mapped) clientType = mapped;
    else problem("token_endpoint_auth_method", authMethodProblem(applicationType, method));
  }

  const pkceValue = get("pkce_supported");
  if (pkceValue !== undefined && typeof pkceValue !== "boolean") {
    problem("pkce_supported", `pkce_supported must be true or false, not ${describe(pkceValue)}.`);
  }

  const environment = text("environment", opts.defaultEnvironment ?? "staging") as Environment;
  if (!errors.environment && !ENVIRONMENTS.includes(environment)) problem("environment", 'Set environment to "staging" or "production".');

  for (const [key, allowed] of [
    ["grant_types", GRANT_TYPES],
    ["response_types", RESPONSE_TYPES],
  ] as const) {
    const values = list(key, allowed[0] ?? "");
    const extra = values.filter((v) => !allowed.includes(v));
    if (extra.length)
      problem(key, `Remove ${extra.map((v) => JSON.stringify(v)).join(", ")}: only ${allowed.join(" and ")} ${allowed.length > 1 ? "are" : "is"} supported.`);
  }

  const candidate: RegistrationData = {
    clientName: text("client_name"),
    clientUri: text("client_uri"),
    logoId: null,
    tosUri: text("tos_uri"),
    policyUri: text("policy_uri"),
    contacts: list("contacts", "dev@client.example"),
    initiateLoginUri: text("initiate_login_uri"),
    settingsUri: text("settings_uri"),
    redirectUris: list("redirect_uris", "https://client.example/callback"),
    scopes,
    clientType,
    pkceSupport: pkceValue === false ? "not_supported" : "supported",
    pkceExceptionReason: text("pkce_exception_reason"),
    subjectTypePreference: text("subject_type_preference", "none") as RegistrationData["subjectTypePreference"],
  };
  const logoUri = get("logo_uri");

  const validEnvironment = ENVIRONMENTS.includes(environment) ? environment : "staging";
  const result = validateRegistration(candidate, { environment: validEnvironment, brand: opts.brand });
  const formErrors = { ...result.fieldErrors };
  delete formErrors.logoId;
  if (opts.requireLogo) {
    formErrors.logoId = [`${LOGO_REQUIRED} Add it in the registration wizard: logo_uri is never downloaded.`];
  }
  const typeErrorKeys = new Set(Object.keys(errors));
  for (const [key, messages] of Object.entries(fieldErrorsToManifest(formErrors, candidate))) {
    // A field with a JSON type error was replaced by its default: its other errors would only confuse.
    if (typeErrorKeys.has(key)) continue;
    (errors[key] ??= []).push(...messages);
  }
  if (Object.keys(errors).length > 0) return failure(errors);

  const warnings = [...result.warnings];
  if (logoUri !== undefined) {
    warnings.push({ field: "logoId", message: "logo_uri was ignored: upload your logo in the registration wizard instead." });
  }
  return { ok: true, data: result.data ?? candidate, environment: validEnvironment, warnings };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function failure(fieldErrors: Record<string, string[]>): Extract<ParseManifestResult, { ok: false }> {
  const keys = Object.keys(fieldErrors).sort((a, b) => rank(a) - rank(b));
  const redirect = fieldErrors.redirect_uris?.length ? "redirect_uris" : undefined;
  const first = redirect ?? keys[0] ?? "root";
  const message = fieldErrors[first]?.[0] ?? "The client metadata is not valid.";
  return {
    ok: false,
    error: redirect ? "invalid_redirect_uri" : "invalid_client_metadata",
    errorDescription: first === "root" ? message : `${first}: ${message}`,
    fieldErrors,
  };
}

function rank(key: string): number {
  const i = MANIFEST_ORDER.indexOf(key);
  return i < 0 ? MANIFEST_ORDER.length : i;
}
