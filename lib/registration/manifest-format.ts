// The registration as RFC 7591 / OpenID Connect Dynamic Client Registration metadata: names,
// the shape of the JSON, and the mapping of form errors onto metadata names. toManifest is the
// one builder of that metadata: the export downloads it, and provisioning sends it.
import {
  clientTypeInfo,
  type ApplicationType,
  type Environment,
  type FieldName,
  type RegistrationData,
  type SubjectType,
  type TokenEndpointAuthMethod,
} from "./fields";

export type Manifest = {
  client_name: string;
  client_uri: string;
  logo_uri?: string;
  tos_uri: string;
  policy_uri: string;
  contacts: string[];
  initiate_login_uri: string;
  redirect_uris: string[];
  /** Space-separated, as in an authorisation request. */
  scope: string;
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  application_type: ApplicationType;
  /** Informational: the only grants the platform issues. */
  grant_types: ["authorization_code", "refresh_token"];
  response_types: ["code"];
  // Extensions
  settings_uri: string;
  pkce_supported: boolean;
  pkce_exception_reason?: string;
  subject_type_preference: SubjectType;
  environment: Environment;
};

/** Form field -> manifest (client metadata) name. */
export const MANIFEST_FIELD: Record<FieldName, string> = {
  clientName: "client_name",
  clientUri: "client_uri",
  logoId: "logo_uri",
  tosUri: "tos_uri",
  policyUri: "policy_uri",
  contacts: "contacts",
  initiateLoginUri: "initiate_login_uri",
  settingsUri: "settings_uri",
  redirectUris: "redirect_uris",
  scopes: "scope",
  clientType: "token_endpoint_auth_method",
  pkceSupport: "pkce_supported",
  pkceExceptionReason: "pkce_exception_reason",
  subjectTypePreference: "subject_type_preference",
};

/** Manifest names in the order problems are reported. */
export const MANIFEST_ORDER: readonly string[] = [
  "client_name",
  "client_uri",
  "logo_uri",
  "tos_uri",
  "policy_uri",
  "contacts",
  "initiate_login_uri",
  "settings_uri",
  "redirect_uris",
  "scope",
  "application_type",
  "token_endpoint_auth_method",
  "grant_types",
  "response_types",
  "pkce_supported",
  "pkce_exception_reason",
  "subject_type_preference",
  "environment",
];

const quote = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

/**
 * Converts form-path keys ("redirectUris.2") to manifest names ("redirect_uris"). Item messages
 * name the item: its value when `data` is given, otherwise its position.
 */
export function fieldErrorsToManifest(fieldErrors: Record<string, string[]>, data?: Partial<Record<FieldName, unknown>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const [head = "", index] = key.split(".");
    const name = (MANIFEST_FIELD as Record<string, string | undefined>)[head] ?? head;
    const list = (out[name] ??= []);
    for (const message of messages) {
      let text = message;
      if (index !== undefined) {
        const items = data?.[head as FieldName];
        const item = Array.isArray(items) ? (items as unknown[])[Number(index)] : undefined;
        text = typeof item === "string" ? `${quote(item.trim())}: ${message}` : `Item ${Number(index) + 1}: ${message}`;
      }
      if (!list.includes(text)) list.push(text);
    }
  }
  return out;
}

export function toManifest(data: RegistrationData, environment: Environment, logoUrl: string | null): Manifest {
  const type = clientTypeInfo(data.clientType);
  const manifest: Manifest = {
    client_name: data.clientName,
    client_uri: data.clientUri,
    tos_uri: data.tosUri,
    policy_uri: data.policyUri,
    contacts: [...data.contacts],
    initiate_login_uri: data.initiateLoginUri,
    redirect_uris: [...data.redirectUris],
    scope: data.scopes.join(" "),
    token_endpoint_auth_method: type.tokenEndpointAuthMethod,
    application_type: type.applicationType,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    settings_uri: data.settingsUri,
    pkce_supported: data.pkceSupport === "supported",
    subject_type_preference: data.subjectTypePreference,
    environment,
  };
  if (logoUrl) manifest.logo_uri = logoUrl;
  // A reason belongs only to an exception, and an empty one says nothing: a draft may still
  // hold the reason of an exception it no longer asks for.
  if (data.pkceSupport === "not_supported" && data.pkceExceptionReason.trim()) manifest.pkce_exception_reason = data.pkceExceptionReason;
  return manifest;
}
