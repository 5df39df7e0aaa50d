"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action<T> = (prev: null, payload: Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * react-hook-form validates in the browser with the same zod schema the server action uses;
 * the action's answer goes back into the form: field errors through setError, anything else
 * as the form-level message.
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
      if (answer.ok) {
        options.onSuccess?.(answer);
        return;
      }
      for (const [field, messages] of Object.entries(answer.fieldErrors ?? {})) {
        form.setError(field as Path<z.input<S>>, { type: "server", message: messages[0] }, { shouldFocus: true });
      }
    }),
  );

  return { form, onSubmit, pending, result, setResult };
}
