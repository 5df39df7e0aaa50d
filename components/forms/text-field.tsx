"use client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field, fieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Props<V extends FieldValues> = {
  form: UseFormReturn<V, unknown, FieldValues>;
  name: Path<V>;
  label: string;
  type?: "text" | "email" | "password" | "url";
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
  inputMode?: "numeric" | "email" | "text";
};

/** A labelled input bound to react-hook-form, with its error in an aria-live region. */
export function TextField<V extends FieldValues>({ form, name, label, type = "text", hint, required = true, ...rest }: Props<V>) {
  const error = form.formState.errors[name]?.message as string | undefined;
  const id = `field-${name}`;
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <Input {...fieldControl(id, { hint, error })} type={type} aria-required={required || undefined} {...rest} {...form.register(name)} />
    </Field>
  );
}
