import type { ReactNode } from "react";
import { cn } from "./cn";

type FieldError = string | string[] | undefined;

function errorList(error: FieldError): string[] {
  if (!error) return [];
  return (Array.isArray(error) ? error : [error]).filter((e) => e.length > 0);
}

/** aria-describedby value for the control inside a Field (undefined when nothing to reference). */
export function fieldDescribedBy(
  id: string,
  { hint, error }: { hint?: ReactNode; error?: FieldError },
): string | undefined {
  const ids: string[] = [];
  if (hint) ids.push(`${id}-hint`);
  if (errorList(error).length > 0) ids.push(`${id}-error`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export type FieldProps = {
  /** id of the control passed as children. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  required?: boolean;
  className?: string;
  children: ReactNode;
};

/**
 * Label + control + hint + error. The error region is always rendered (reserved
 * height, aria-live) so messages are announced and the layout does not shift.
 * Wire the control with `aria-describedby={fieldDescribedBy(id, { hint, error })}`.
 */
export function Field({ id, label, hint, error, required, className, children }: FieldProps) {
  const errors = errorList(error);
  return (
    <div className={cn("flex flex-col gap-2", className)}>
      {/* The marker sits outside the label so the label's text is exactly the field's name. */}
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="text-sm font-medium text-fg">
          {label}
        </label>
        {required ? (
          <span aria-hidden="true" className="text-sm text-danger">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-fg-muted">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">
        {errors.length === 1 ? <p>{errors[0]}</p> : null}
        {errors.length > 1 ? (
          <ul className="list-disc space-y-1 pl-4">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
