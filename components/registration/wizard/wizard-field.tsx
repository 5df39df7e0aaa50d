"use client";
import { useFormContext, useFormState } from "react-hook-form";
import { Field, fieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FIELD_HELP, FIELD_LABELS, type FieldName, type RegistrationData } from "@/lib/registration/fields";
import { FieldComments } from "./field-comments";

export const fieldId = (name: string) => `reg-${name}`;

/** A single-line registration field, labelled exactly as partners know it from the guide. */
export function WizardTextField({
  name,
  type = "text",
  placeholder,
  inputMode,
}: {
  name: Extract<FieldName, "clientName" | "clientUri" | "tosUri" | "policyUri" | "initiateLoginUri" | "settingsUri">;
  type?: "text" | "url";
  placeholder?: string;
  inputMode?: "url" | "text";
}) {
  const { register, control } = useFormContext<RegistrationData>();
  // Subscribed by name: this field's error changes re-render this field only.
  const error = useFormState({ control, name }).errors[name]?.message;
  const id = fieldId(name);
  const hint = FIELD_HELP[name];
  return (
    <Field id={id} label={FIELD_LABELS[name]} hint={hint} error={error} required>
      <Input
        {...fieldControl(id, { hint, error })}
        type={type === "url" ? "url" : "text"}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={name === "clientName"}
        aria-required
        {...register(name)}
      />
      <FieldComments field={name} />
    </Field>
  );
}
