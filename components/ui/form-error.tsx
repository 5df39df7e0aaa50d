"use client";
import { useEffect, useRef, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Alert } from "./alert";
import { cn } from "./cn";

/** The name of form-level errors in an action's fieldErrors (see toFieldErrors in safe-action). */
export const FORM_ERRORS = "_form";

/** The messages an action's answer gives for one field, if it failed. */
export function errorsOf(result: ActionResult<unknown> | null | undefined, name: string): string[] | undefined {
  return result && !result.ok ? result.fieldErrors?.[name] : undefined;
}

/**
 * A refused submission, announced (role="alert"): the action's message and its `_form` errors.
 * Forms that pass `fields` (the names they show at their controls) also get every other field
 * error listed here, so nothing the server said is lost (a manifest's own fields, a hidden id).
 * When it appears, focus goes to the first invalid control of its form, or to the alert itself.
 */
export function FormError({
  result,
  title,
  fields,
  className,
}: {
  result: ActionResult<unknown> | null | undefined;
  title?: ReactNode;
  fields?: readonly string[];
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const failed = result && !result.ok ? result : null;
  useEffect(() => {
    const box = ref.current;
    if (!failed || !box) return;
    // A group (ChoiceField) is marked invalid as a whole: its first control takes the focus.
    const invalid = box.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const control = invalid?.matches("input, select, textarea") ? invalid : invalid?.querySelector<HTMLElement>("input, select, textarea");
    (control ?? box).focus();
  }, [failed]);
  if (!failed) return null;
  const formErrors = (failed.fieldErrors?.[FORM_ERRORS] ?? []).filter((m) => m !== failed.error);
  const others = fields ? Object.entries(failed.fieldErrors ?? {}).filter(([name]) => name !== FORM_ERRORS && !fields.includes(name)) : [];
  return (
    <Alert ref={ref} tone="danger" title={title} tabIndex={-1} className={cn("outline-none", className)}>
      <p>{failed.error}</p>
      {formErrors.length || others.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {formErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
          {others.map(([name, messages]) => (
            <li key={name}>
              <code className="font-mono text-xs">{name}</code>: {messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
