// The one registration schema, shared by the wizard (browser), server actions and the JSON API.
// draftSchema keeps whatever was typed so autosave never loses work; strictSchema decides whether
// a registration can be submitted, with every issue on a form field path such as ["redirectUris", 2].
import "@/lib/validation/zod-browser";
import { z } from "zod";
import {
  CLIENT_TYPE_VALUES,
  emptyRegistration,
  FIELD_LABELS,
  incompleteSections,
  FIELD_NAMES,
  PKCE_VALUES,
  SECTIONS,
  SUBJECT_TYPE_VALUES,
  type Environment,
  type FieldName,
  type RegistrationData,
  type SectionId,
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

const DRAFT_MAX_STRING = 4096;
const DRAFT_MAX_ITEMS = 50;

const isString = (v: unknown): v is string => typeof v === "string";
const tooLong = "Shorten this to at most 4,096 characters.";

const draftText = z.preprocess((v) => (isString(v) ? v : ""), z.string().max(DRAFT_MAX_STRING, tooLong));
const draftList = z.preprocess(
  (v) => (Array.isArray(v) ? v : []),
  z
    .array(z.unknown())
    .max(DRAFT_MAX_ITEMS, `Keep this list to at most ${DRAFT_MAX_ITEMS} entries.`)
    .transform((items) => items.filter(isString))
    .pipe(z.array(z.string().max(DRAFT_MAX_STRING, tooLong))),
);
function draftChoice<T extends string>(values: readonly T[], fallback: T) {
  return z.preprocess((v) => (values.includes(v as T) ? v : fallback), z.enum(values as [T, ...T[]]));
}

/** Lenient: any field may be missing or wrong (wrong types become defaults); only oversized input is refused. */
export const draftSchema = z.object(
  {
    clientName: draftText,
    clientUri: draftText,
    logoId: z.preprocess((v) => (isString(v) && v.trim() ? v : null), z.string().max(DRAFT_MAX_STRING, tooLong).nullable()),
    tosUri: draftText,
    policyUri: draftText,
    contacts: draftList,
    initiateLoginUri: draftText,
    settingsUri: draftText,
    redirectUris: draftList,
    scopes: draftList,
    clientType: draftChoice(CLIENT_TYPE_VALUES, "confidential"),
    pkceSupport: draftChoice(PKCE_VALUES, "supported"),
    pkceExceptionReason: draftText,
    subjectTypePreference: draftChoice(SUBJECT_TYPE_VALUES, "none"),
  },
  { error: "Send the draft as an object of form fields." },
);

/**
 * A draft to save, or why it cannot be: only a body that is not an object, or one that is too
 * large, is refused (draftSchema turns everything else into defaults).
 */
export function parseDraft(input: unknown): { ok: true; data: RegistrationData } | { ok: false; message: string } {
  const draft = draftSchema.safeParse(input);
  if (draft.success) return { ok: true, data: draft.data };
  const notAnObject = draft.error.issues.find((issue) => issue.path.length === 0);
  return {
    ok: false,
    message: notAnObject?.message ?? "The draft is too large to save: text fields hold at most 4,096 characters and lists at most 50 entries.",
  };
}

/** Like draftSchema without the size limits and without ever failing: for warnings on any input. */
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
function collectIssues(v: Record<string, unknown>, ctx: RuleContext): Issue[] {
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
function normalise(v: RegistrationData): RegistrationData {
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

function buildStrictSchema(ctx: RuleContext) {
  // Every key accepts anything here, even when missing; the object-level check below runs all
  // rules at once, so cross-field rules (PKCE, duplicates) report together with field rules.
  const shape = Object.fromEntries(FIELD_NAMES.map((k) => [k, z.custom().optional()])) as unknown as {
    [K in FieldName]: z.ZodType<RegistrationData[K], RegistrationData[K]>;
  };
  return z
    .object(shape, { error: "Send the registration as an object of form fields." })
    .superRefine((value, zctx) => {
      for (const issue of collectIssues(value as Record<string, unknown>, ctx)) {
        zctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      }
    })
    .transform(normalise);
}

export type StrictSchema = ReturnType<typeof buildStrictSchema>;
const strictCache = new Map<string, StrictSchema>();

/** The submit-time schema for an environment and brand; built once per pair and reused. */
export function strictSchema(ctx: RuleContext): StrictSchema {
  const key = `${ctx.environment}\u0000${ctx.brand}\u0000${ctx.portalCallback ?? ""}`;
  let schema = strictCache.get(key);
  if (!schema) {
    if (strictCache.size >= 32) strictCache.clear();
    schema = buildStrictSchema({ environment: ctx.environment, brand: ctx.brand, portalCallback: ctx.portalCallback });
    strictCache.set(key, schema);
  }
  return schema;
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

export function validateRegistration(data: unknown, ctx: RuleContext): ValidationResult {
  const result = strictSchema(ctx).safeParse(data);
  const warnings = registrationWarnings(result.success ? result.data : data, ctx.environment, ctx.portalCallback);
  if (result.success) return { valid: true, data: result.data, fieldErrors: {}, warnings };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "root";
    const list = (fieldErrors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return { valid: false, fieldErrors, warnings };
}

// In fields.ts (no zod), so the wizard can compute step states before zod loads.
export { incompleteSections };

export function sectionStatus(data: unknown, ctx: RuleContext): Record<SectionId, "complete" | "incomplete"> {
  const incomplete = incompleteSections(validateRegistration(data, ctx).fieldErrors);
  return Object.fromEntries(SECTIONS.map((s) => [s.id, incomplete.has(s.id) ? "incomplete" : "complete"])) as Record<SectionId, "complete" | "incomplete">;
}
