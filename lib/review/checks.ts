// The automated checks panel reviewers see: the validation rules re-run as they stand today,
// plus warnings that only matter for review.
import { FIELD_LABELS, type Environment, type FieldName, type RegistrationData } from "@/lib/registration/fields";
import { isLoopbackRedirect, isPostmanRedirect } from "@/lib/registration/redirect-uris";
import { validateRegistration } from "@/lib/registration/schema";

export type Check = { level: "error" | "warning" | "info"; field?: FieldName; message: string };

export function reviewChecks(
  data: RegistrationData,
  opts: { environment: Environment; brand: string; approved?: RegistrationData; portalCallback?: string },
): Check[] {
  const checks: Check[] = [];
  const result = validateRegistration(data, { environment: opts.environment, brand: opts.brand, portalCallback: opts.portalCallback });
  for (const [path, messages] of Object.entries(result.fieldErrors)) {
    const field = path.split(".")[0] as FieldName;
    for (const m of messages) checks.push({ level: "error", field, message: `${FIELD_LABELS[field] ?? field}: ${m}` });
  }
  for (const w of result.warnings) checks.push({ level: "warning", field: w.field, message: `${FIELD_LABELS[w.field]}: ${w.message}` });
  if (opts.environment === "production") {
    for (const uri of data.redirectUris) {
      if (isLoopbackRedirect(uri))
        checks.push({ level: "warning", field: "redirectUris", message: `Loopback redirect URI on a Production registration: ${uri}` });
      if (isPostmanRedirect(uri))
        checks.push({ level: "warning", field: "redirectUris", message: `Postman redirect URI on a Production registration: ${uri}` });
    }
  }
  if (data.clientType === "confidential" && data.pkceSupport === "not_supported") {
    checks.push({ level: "warning", field: "pkceSupport", message: `PKCE exception requested. Reason given: “${data.pkceExceptionReason}”` });
  }
  if (opts.approved) {
    const added = data.scopes.filter((s) => !opts.approved!.scopes.includes(s));
    if (added.length) checks.push({ level: "warning", field: "scopes", message: `Scopes added since the last approval: ${added.join(", ")}` });
  }
  // Identical warnings (e.g. a hosts warning from both sources) are shown once.
  return checks.filter((c, i) => checks.findIndex((d) => d.message === c.message) === i);
}
