// Promotion to Production: what must change in a draft copied from an approved Staging
// registration, and whether the technical configuration moved away from what was tested.
import { FIELD_LABELS, SECTIONS, type FieldName, type RegistrationData } from "./fields";
import { validateRegistration, type RuleContext } from "./schema";

/** A passing Test connection of the staging client must be this recent to submit to Production. */
export const READINESS_DAYS = 30;
export const READINESS_MS = READINESS_DAYS * 24 * 60 * 60 * 1000;

/** The fields a Test connection exercises: a change to them means the passing run proves less. */
export const TECHNICAL_FIELDS = ["redirectUris", "scopes", "clientType", "pkceSupport"] as const satisfies readonly FieldName[];

const same = (a: unknown, b: unknown) => JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

/** The technical fields that differ between the tested staging configuration and this one. */
export function changedTechnicalFields(tested: RegistrationData, now: RegistrationData): FieldName[] {
  return TECHNICAL_FIELDS.filter((field) => !same(tested[field], now[field]));
}

export type ChecklistItem = { field: FieldName; label: string; message: string; step: string; anchor: string; blocking: boolean };

const stepOf = (field: FieldName) => SECTIONS.find((s) => s.fields.includes(field))?.id ?? "human";

/**
 * Each thing to change before submitting to Production (errors), then each thing a reviewer
 * will ask about (warnings), with the wizard step and field anchor ("reg-<field>") to fix it.
 */
export function productionChecklist(data: RegistrationData, ctx: Omit<RuleContext, "environment">): ChecklistItem[] {
  const result = validateRegistration(data, { ...ctx, environment: "production" });
  const item = (field: FieldName, message: string, blocking: boolean): ChecklistItem => ({
    field,
    label: FIELD_LABELS[field] ?? field,
    message,
    step: stepOf(field),
    anchor: `reg-${field}`,
    blocking,
  });
  const errors = Object.entries(result.fieldErrors).flatMap(([path, messages]) => {
    const field = path.split(".")[0] as FieldName;
    const index = path.split(".")[1];
    const value = index !== undefined ? (data[field] as string[] | undefined)?.[Number(index)] : undefined;
    return messages.map((m) => item(field, value ? `${value}: ${m}` : m, true));
  });
  const warnings = result.warnings.map((w) => item(w.field, w.message, false));
  return [...errors, ...warnings];
}
