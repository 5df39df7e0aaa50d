// Registration form: field names, labels, help text and the fixed option lists.
// Pure data, safe to import from browser components, server actions and API routes.

export type Environment = "staging" | "production";
export type ClientType = "confidential" | "public_spa" | "public_native";
export type PkceSupport = "supported" | "not_supported";
export type SubjectType = "none" | "company" | "organisation";

export type RegistrationData = {
  clientName: string;
  clientUri: string;
  logoId: string | null;
  tosUri: string;
  policyUri: string;
  contacts: string[];
  initiateLoginUri: string;
  settingsUri: string;
  redirectUris: string[];
  scopes: string[];
  clientType: ClientType;
  pkceSupport: PkceSupport;
  pkceExceptionReason: string;
  subjectTypePreference: SubjectType;
};

export type FieldName = keyof RegistrationData;

export const ENVIRONMENTS: readonly Environment[] = ["staging", "production"];

export const FIELD_NAMES: readonly FieldName[] = [
  "clientName",
  "clientUri",
  "logoId",
  "tosUri",
  "policyUri",
  "contacts",
  "initiateLoginUri",
  "settingsUri",
  "redirectUris",
  "scopes",
  "clientType",
  "pkceSupport",
  "pkceExceptionReason",
  "subjectTypePreference",
];

export const FIELD_LABELS: Record<FieldName, string> = {
  clientName: "Client Name",
  clientUri: "Client URI",
  logoId: "Logo",
  tosUri: "Terms of Service",
  policyUri: "Privacy Policy",
  contacts: "Contacts",
  initiateLoginUri: "Initiation URI",
  settingsUri: "Settings URI",
  redirectUris: "Redirect URIs",
  scopes: "Scopes",
  clientType: "Client type",
  pkceSupport: "PKCE Support",
  pkceExceptionReason: "PKCE exception reason",
  subjectTypePreference: "Subject Type Preference",
};

export const FIELD_HELP: Record<FieldName, string> = {
  clientName: "The name people see when they are asked to connect your app: use your own product name, 2 to 60 characters.",
  clientUri: "The web page where people can find out what your app or this integration does.",
  logoId: "A square picture of your app's logo (PNG, JPEG or WebP, at least 256×256 px) that appears next to its name.",
  tosUri: "The page with the terms people accept when they use your app.",
  policyUri: "The page that explains which personal data your app collects and what it does with it.",
  contacts: "Between 1 and 10 e-mail addresses of people we can reach about this app.",
  initiateLoginUri: "The address where a user starts connecting their account to your app.",
  settingsUri:
    "The address where a user changes how your integration behaves, such as sync options or account mappings; it may be the same as the Initiation URI.",
  redirectUris: "The addresses users return to after they approve access; your app must send one of them character for character.",
  scopes: "The API permissions your app asks for on the user's behalf: pick only the ones it really needs.",
  clientType: "Whether your app can keep a client secret on a server (confidential) or runs entirely in a browser or on a device (public).",
  pkceSupport: "Whether your app adds a PKCE code challenge, using the S256 method, to every authorisation request.",
  pkceExceptionReason: "Only if your server-side app cannot use PKCE yet: tell the reviewers why, and when you expect to add it.",
  subjectTypePreference:
    "The kind of account your app normally acts on when it calls the APIs: one company, an organisation with several companies, or no preference.",
};

export type SectionId = "human" | "platform" | "technical";

export const SECTIONS: { id: SectionId; title: string; description: string; fields: FieldName[] }[] = [
  {
    id: "human",
    title: "Human-readable information",
    description: "People see these details when they decide whether to let your app access their account.",
    fields: ["clientName", "clientUri", "logoId", "tosUri", "policyUri", "contacts"],
  },
  {
    id: "platform",
    title: "Platform-specific information",
    description: "These addresses let the product send users to your app to connect it and to change its settings.",
    fields: ["initiateLoginUri", "settingsUri"],
  },
  {
    id: "technical",
    title: "Technical information",
    description: "These settings decide how your app signs users in and which APIs it may call.",
    fields: ["clientType", "redirectUris", "scopes", "pkceSupport", "pkceExceptionReason", "subjectTypePreference"],
  },
];

export type ApplicationType = "web" | "native";
export type TokenEndpointAuthMethod = "client_secret_basic" | "none";
export type ClientTypeInfo = {
  value: ClientType;
  label: string;
  description: string;
  applicationType: ApplicationType;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
};

/** The one table from client type to its RFC 7591 metadata: export, import and provisioning read it. */
export const CLIENT_TYPES: ClientTypeInfo[] = [
  {
    value: "confidential",
    label: "Confidential: a server-side web app that keeps a secret",
    description: "Your backend swaps the authorisation code for tokens and stores the client secret where users can never see it.",
    applicationType: "web",
    tokenEndpointAuthMethod: "client_secret_basic",
  },
  {
    value: "public_spa",
    label: "Public: a single-page app running in the browser",
    description: "All of your code runs in the browser, so it cannot hold a secret: PKCE protects the code exchange instead.",
    applicationType: "web",
    tokenEndpointAuthMethod: "none",
  },
  {
    value: "public_native",
    label: "Public: a mobile or desktop app",
    description: "Your app is installed on the user's device, so it cannot hold a secret: it uses PKCE and a loopback or private-use scheme redirect.",
    applicationType: "native",
    tokenEndpointAuthMethod: "none",
  },
];

export const SUBJECT_TYPES: { value: SubjectType; label: string; description: string }[] = [
  { value: "none", label: "None", description: "No preference: your app works out the context on each call." },
  { value: "company", label: "Company", description: "Your app normally works with the data of a single company." },
  {
    value: "organisation",
    label: "Organisation",
    description: "Your app normally works across an organisation that owns several companies.",
  },
];

export const PKCE_OPTIONS: { value: PkceSupport; label: string; description: string }[] = [
  { value: "supported", label: "Supported", description: "Your app sends an S256 code challenge with every authorisation request." },
  {
    value: "not_supported",
    label: "Not supported",
    description: "Only for confidential clients: reviewers must approve an exception before the client is issued.",
  },
];

export const CLIENT_TYPE_VALUES: readonly ClientType[] = CLIENT_TYPES.map((t) => t.value);

/** A client type's row of CLIENT_TYPES (confidential for a value that is not one). */
export function clientTypeInfo(value: ClientType): ClientTypeInfo {
  return CLIENT_TYPES.find((t) => t.value === value) ?? CLIENT_TYPES[0]!;
}

/** The client type registered with this application type and authentication method, if any. */
export function clientTypeFor(applicationType: string, method: string): ClientType | undefined {
  return CLIENT_TYPES.find((t) => t.applicationType === applicationType && t.tokenEndpointAuthMethod === method)?.value;
}
export const PKCE_VALUES: readonly PkceSupport[] = PKCE_OPTIONS.map((o) => o.value);
export const SUBJECT_TYPE_VALUES: readonly SubjectType[] = SUBJECT_TYPES.map((s) => s.value);

export function emptyRegistration(): RegistrationData {
  return {
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
  };
}

export type RedirectPreset = {
  id: "postman_web" | "postman_desktop" | "test_connection";
  label: string;
  uri: string;
  stagingOnly: boolean;
};

export const POSTMAN_WEB_CALLBACK = "https://oauth.pstmn.io/v1/browser-callback";
export const POSTMAN_DESKTOP_CALLBACK = "https://oauth.pstmn.io/v1/callback";
export const TEST_CONNECTION_CALLBACK_PATH = "/api/test-connection/callback";

/** This portal's own Test connection callback at `appUrl`. */
export const portalCallbackUri = (appUrl: string) => `${appUrl.replace(/\/+$/, "")}${TEST_CONNECTION_CALLBACK_PATH}`;

export const REDIRECT_PRESETS = (appUrl: string): RedirectPreset[] => [
  { id: "postman_web", label: "Postman (web app)", uri: POSTMAN_WEB_CALLBACK, stagingOnly: false },
  { id: "postman_desktop", label: "Postman (desktop app)", uri: POSTMAN_DESKTOP_CALLBACK, stagingOnly: false },
  {
    id: "test_connection",
    label: "This portal's Test connection",
    uri: portalCallbackUri(appUrl),
    stagingOnly: true,
  },
];

/**
 * The sections with a field error: a section is complete when none of its fields has one
 * ("root", input that is not an object, leaves every section incomplete).
 */
export function incompleteSections(fieldErrors: Record<string, string[]>): Set<SectionId> {
  const keys = Object.keys(fieldErrors);
  const broken = (fields: FieldName[]) => keys.some((k) => k === "root" || fields.includes(k.split(".")[0] as FieldName));
  return new Set(SECTIONS.filter((section) => broken(section.fields)).map((section) => section.id));
}
