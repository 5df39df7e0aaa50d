// The registration schemas (zod), for server actions and the JSON API. draftSchema keeps whatever
// was typed so autosave never loses work; strictSchema decides whether a registration can be
// submitted, with every issue on a form field path such as ["redirectUris", 2]. Its rules live in
// check.ts, which the wizard uses in the browser without zod.
import "@/lib/validation/zod-browser";
import { z } from "zod";
import { collectIssues, DRAFT_MAX_ITEMS, isString, normalise, NOT_AN_OBJECT, validateRegistration, type RuleContext } from "./check";
import {
  CLIENT_TYPE_VALUES,
  FIELD_NAMES,
  incompleteSections,
  PKCE_VALUES,
  SECTIONS,
  SUBJECT_TYPE_VALUES,
  type FieldName,
  type RegistrationData,
  type SectionId,
} from "./fields";

export { registrationWarnings, validateRegistration, type RuleContext, type ValidationResult, type Warning } from "./check";

const DRAFT_MAX_STRING = 4096;
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

function buildStrictSchema(ctx: RuleContext) {
  // Every key accepts anything here, even when missing; the object-level check below runs all
  // rules at once, so cross-field rules (PKCE, duplicates) report together with field rules.
  const shape = Object.fromEntries(FIELD_NAMES.map((k) => [k, z.custom().optional()])) as unknown as {
    [K in FieldName]: z.ZodType<RegistrationData[K], RegistrationData[K]>;
  };
  return z
    .object(shape, { error: NOT_AN_OBJECT })
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

// In fields.ts (no zod), so the wizard can compute step states before zod loads.
export { incompleteSections };

export function sectionStatus(data: unknown, ctx: RuleContext): Record<SectionId, "complete" | "incomplete"> {
  const incomplete = incompleteSections(validateRegistration(data, ctx).fieldErrors);
  return Object.fromEntries(SECTIONS.map((s) => [s.id, incomplete.has(s.id) ? "incomplete" : "complete"])) as Record<SectionId, "complete" | "incomplete">;
}
