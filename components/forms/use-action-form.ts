"use client";
import { useRef, useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
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
 *
 * The schema comes from loadSchema, a dynamic import: zod and the resolver (about 45 kB gzip)
 * load at the first validation (the first blur or submit), not with the page.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T = undefined>(
  loadSchema: () => Promise<S>,
  action: Action<T>,
  defaultValues: DefaultValues<z.input<S>>,
  options: { onSuccess?: (result: Extract<ActionResult<T>, { ok: true }>) => void } = {},
) {
  const resolver = useRef<Promise<Resolver<z.input<S>, unknown, z.output<S>>> | null>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: async (values, context, opts) => {
      resolver.current ??= Promise.all([import("@hookform/resolvers/zod"), loadSchema()]).then(
        ([{ zodResolver }, schema]) => zodResolver(schema as never) as never,
      );
      return (await resolver.current)(values, context, opts);
    },
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
