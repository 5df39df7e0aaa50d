// The registration rules without zod: the wizard checks every keystroke with them in the browser,
// and schema.ts (zod) wraps the same rules for the server's parsing. One set of rules, two callers.
import {
  CLIENT_TYPE_VALUES,
  emptyRegistration,
  FIELD_LABELS,
  PKCE_VALUES,
  SUBJECT_TYPE_VALUES,
  type Environment,
  type FieldName,
  type RegistrationData,
} from "./fields";
import { checkRedirectUri, hostsDifferWarning, redirectUriWarnings, type Warning } from "./redirect-uris";
import { checkClientName, checkContact, checkLogoId, checkPkce, checkScope, duplicateIndexes, LIMITS } from "./rules";
import { checkWebUrl } from "./urls";

/**
 * `portalCallback`: this portal's own Test connection callback (APP_URL + its path). It gets no
 * advice: on a local portal it is an http://localhost address by design (sign-in cookies are
 * tied to APP_URL's host), and the partner did not choose it. In Production it is refused: the
 * portal's Test connection is for Staging clients only.
 */
export type RuleContext = { environment: Environment; brand: string; portalCallback?: string };
export type { Warning } from "./redirect-uris";

/** Lists are kept to this many entries when checked (the draft schema refuses more). */
export const DRAFT_MAX_ITEMS = 50;
export const NOT_AN_OBJECT = "Send the registration as an object of form fields.";

export const isString = (v: unknown): v is string => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Like the draft schema without the size limits and without ever failing: for warnings on any input. */
function lenient(input: unknown): RegistrationData {
  const out = emptyRegistration();
  if (typeof input !== "object" || input === null) return out;
  const v = input as Record<string, unknown>;
  const text = (k: FieldName) => (isString(v[k]) ? (v[k] as string) : "");
  const list = (k: FieldName) => (Array.isArray(v[k]) ? (v[k] as unknown[]).filter(isString) : []);
  return { ...out, clientUri: text("clientUri"), tosUri: text("tosUri"), policyUri: text("policyUri"), redirectUris: list("redirectUris") };
}

type Issue = { path: (string | number)[]; message: string };

const WEB_URL_FIELDS = ["clientUri", "tosUri", "policyUri", "initiateLoginUri", "settingsUri"] as const;

/** Every rule, on raw input of any shape. */
export function collectIssues(v: Record<string, unknown>, ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string | undefined) => {
    if (message) issues.push({ path, message });
  };
  const text = (k: FieldName) => (isString(v[k]) ? (v[k] as string) : "");
  const list = (k: FieldName, [noun, plural]: [string, string], min: number, max: number, check: (s: string) => string | undefined) => {
    const value = v[k];
    const items: unknown[] = Array.isArray(value) ? value : [];
    if (items.length < min) add([k], `Add at least one ${noun}.`);
    else if (items.length > max) add([k], `List at most ${max} ${plural}: remove ${items.length - max}.`);
    const strings = items.slice(0, Math.max(max, DRAFT_MAX_ITEMS)).map((item) => (isString(item) ? item.trim() : ""));
    strings.forEach((s, i) => add([k, i], check(s)));
    return strings;
  };

  add(["clientName"], checkClientName(text("clientName"), ctx.brand));
  for (const k of WEB_URL_FIELDS) add([k], checkWebUrl(text(k), { environment: ctx.environment, label: FIELD_LABELS[k] }));
  add(["logoId"], checkLogoId(isString(v.logoId) ? v.logoId : null));

  const contacts = list("contacts", ["contact e-mail address", "addresses"], LIMITS.contactsMin, LIMITS.contactsMax, checkContact);
  for (const i of duplicateIndexes(contacts, (s) => s.toLowerCase())) {
    if (!checkContact(contacts[i] ?? "")) add(["contacts", i], "This address is already listed: remove the duplicate.");
  }

  const clientType = CLIENT_TYPE_VALUES.find((t) => t === v.clientType);
  if (!clientType) add(["clientType"], "Choose a client type: confidential, single-page app or mobile/desktop app.");
  const redirectCtx = { environment: ctx.environment, clientType: clientType ?? "confidential", portalCallback: ctx.portalCallback };
  const redirects = list("redirectUris", ["redirect URI", "redirect URIs"], LIMITS.redirectUrisMin, LIMITS.redirectUrisMax, (s) =>
    checkRedirectUri(s, redirectCtx),
  );
  for (const i of duplicateIndexes(redirects, (s) => s)) {
    add(["redirectUris", i], "This redirect URI is already listed: remove the duplicate.");
  }

  const scopes = list("scopes", ["scope", "scopes"], 1, LIMITS.scopesMax, checkScope);
  for (const i of duplicateIndexes(scopes, (s) => s)) add(["scopes", i], `${scopes[i]} is already selected: remove the duplicate.`);

  const pkce = PKCE_VALUES.find((p) => p === v.pkceSupport);
  if (!pkce) add(["pkceSupport"], "Choose whether your app supports PKCE: Supported or Not supported.");
  else if (clientType) {
    const problem = checkPkce(clientType, pkce, text("pkceExceptionReason"));
    if (problem) add([problem.field], problem.message);
  }
  if (!SUBJECT_TYPE_VALUES.some((s) => s === v.subjectTypePreference)) {
    add(["subjectTypePreference"], "Choose a subject type preference: None, Company or Organisation.");
  }
  return issues;
}

/** Called only once collectIssues found nothing, so every field has its expected type. */
export function normalise(v: RegistrationData): RegistrationData {
  const trimAll = (a: string[]) => a.map((s) => s.trim());
  const needsReason = v.clientType === "confidential" && v.pkceSupport === "not_supported";
  return {
    clientName: v.clientName.trim(),
    clientUri: v.clientUri.trim(),
    logoId: v.logoId?.trim() ?? null,
    tosUri: v.tosUri.trim(),
    policyUri: v.policyUri.trim(),
    contacts: trimAll(v.contacts),
    initiateLoginUri: v.initiateLoginUri.trim(),
    settingsUri: v.settingsUri.trim(),
    redirectUris: trimAll(v.redirectUris),
    scopes: trimAll(v.scopes),
    clientType: v.clientType,
    pkceSupport: v.pkceSupport,
    pkceExceptionReason: needsReason ? v.pkceExceptionReason.trim() : "",
    subjectTypePreference: v.subjectTypePreference,
  };
}

export type ValidationResult = {
  valid: boolean;
  data?: RegistrationData;
  /** Keyed by dotted form path ("clientName", "redirectUris.2"); "root" when the input is not an object. */
  fieldErrors: Record<string, string[]>;
  warnings: Warning[];
};

export function registrationWarnings(data: unknown, environment: Environment, portalCallback?: string): Warning[] {
  const d = lenient(data);
  const out: Warning[] = [];
  const hosts = hostsDifferWarning(d);
  if (hosts) out.push(hosts);
  const seen = new Set<string>();
  for (const uri of d.redirectUris) {
    if (portalCallback && uri.trim() === portalCallback) continue;
    for (const message of redirectUriWarnings(uri, { environment })) {
      if (!seen.has(message)) out.push({ field: "redirectUris", message });
      seen.add(message);
    }
  }
  return out;
}

/** strictSchema's answer without zod: the wizard runs it on every keystroke, and its page loads no zod. */
export function validateRegistration(data: unknown, ctx: RuleContext): ValidationResult {
  const issues = isObject(data) ? collectIssues(data, ctx) : [{ path: [], message: NOT_AN_OBJECT }];
  if (!issues.length) {
    const clean = normalise(data as RegistrationData);
    return { valid: true, data: clean, fieldErrors: {}, warnings: registrationWarnings(clean, ctx.environment, ctx.portalCallback) };
  }
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "root";
    const list = (fieldErrors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return { valid: false, fieldErrors, warnings: registrationWarnings(data, ctx.environment, ctx.portalCallback) };
}
