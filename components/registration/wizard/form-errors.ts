import type { FieldErrors } from "react-hook-form";
import type { RegistrationData } from "@/lib/registration/fields";

/**
 * validateRegistration's "redirectUris.2" keys as react-hook-form's nested errors. A list's line
 * errors must be an array (react-hook-form ignores an object without a type or message there);
 * the list's own error ("Add at least one") sits on it as type and message.
 */
export function formErrors(fieldErrors: Record<string, string[]>): FieldErrors<RegistrationData> {
  const out: Record<string, object> = {};
  for (const [key, [message]] of Object.entries(fieldErrors)) {
    const [field, index] = key.split(".") as [string, string | undefined];
    if (index === undefined) {
      out[field] = Object.assign(out[field] ?? {}, { type: "rule", message });
      continue;
    }
    const lines: unknown[] = Array.isArray(out[field]) ? out[field] : (out[field] = Object.assign([], out[field]));
    lines[Number(index)] = { type: "rule", message };
  }
  return out as FieldErrors<RegistrationData>;
}
