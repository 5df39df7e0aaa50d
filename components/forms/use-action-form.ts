"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { FORM_ERRORS } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action<T> = (prev: null, payload: Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * A refused action's field errors go to their fields through setError. `_form` errors are not a
 * field: the FormError of the form shows them from the result (react-hook-form's `root` is not
 * used, so form-level errors have one name).
 */
export function setServerErrors<V extends FieldValues>(form: Pick<UseFormReturn<V, unknown, never>, "setError">, answer: ActionResult<unknown>) {
  if (answer.ok) return;
  for (const [field, messages] of Object.entries(answer.fieldErrors ?? {})) {
    if (field !== FORM_ERRORS) form.setError(field as Path<V>, { type: "server", message: messages[0] });
  }
}

/**
 * react-hook-form validates in the browser with the same zod schema the server action uses;
 * the action's answer goes back into the form: field errors through setServerErrors, the rest
 * through `result`, which the form renders with FormError (FormMessage).
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T = undefined>(
  schema: S,
  action: Action<T>,
  defaultValues: DefaultValues<z.input<S>>,
  options: { onSuccess?: (result: Extract<ActionResult<T>, { ok: true }>) => void } = {},
) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: "onTouched",
  });
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const answer = await action(null, values as Record<string, unknown>);
      setResult(answer);
      if (answer.ok) options.onSuccess?.(answer);
      else setServerErrors(form, answer);
    }),
  );

  return { form, onSubmit, pending, result, setResult };
}
