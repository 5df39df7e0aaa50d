import type { ReactNode } from "react";
import { cn } from "./cn";

type FieldErrorValue = string | string[] | undefined;

function errorList(error: FieldErrorValue): string[] {
  if (!error) return [];
  return (Array.isArray(error) ? error : [error]).filter((e) => e.length > 0);
}

/** aria-describedby value for the control inside a Field (undefined when nothing to reference). */
export function fieldDescribedBy(id: string, { hint, error }: { hint?: ReactNode; error?: FieldErrorValue }): string | undefined {
  const ids: string[] = [];
  if (hint) ids.push(`${id}-hint`);
  if (errorList(error).length > 0) ids.push(`${id}-error`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** What wires a control to its Field: its id, aria-describedby (hint, error) and `invalid` (aria-invalid). */
export function fieldControl(id: string, state: { hint?: ReactNode; error?: FieldErrorValue } = {}) {
  return { id, invalid: errorList(state.error).length > 0, "aria-describedby": fieldDescribedBy(id, state) };
}

export type FieldProps = {
  /** id of the control passed as children. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldErrorValue;
  required?: boolean;
  className?: string;
  children: ReactNode;
  /** Below the error: controls that fill the field in (preset buttons), so they do not push the error away from the control. */
  after?: ReactNode;
};

/** Label + control + hint + FieldError. Wire the control with `{...fieldControl(id, { hint, error })}`. */
export function Field({ id, label, hint, error, required, className, children, after }: FieldProps) {
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
      <FieldError id={id} error={error} />
      {after}
    </div>
  );
}

/**
 * The error region of the control `id`: always rendered (reserved height, aria-live) so a
 * message is announced and the layout does not shift. Field renders it; controls laid out
 * differently (a group of radios, a row of inputs) render it themselves, with the same id
 * in the control's aria-describedby and aria-invalid on the control.
 */
export function FieldError({ id, error, className }: { id: string; error?: FieldErrorValue; className?: string }) {
  const errors = errorList(error);
  return (
    <div id={`${id}-error`} aria-live="polite" className={cn("min-h-5 text-sm text-danger", className)}>
      {errors.length === 1 ? <p>{errors[0]}</p> : null}
      {errors.length > 1 ? (
        <ul className="list-disc space-y-1 pl-4">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A group of radios under one legend, with a description and one FieldError. The group, not
 * each radio, carries aria-invalid and aria-describedby (radios do not support aria-invalid).
 */
export function ChoiceField({
  id,
  legend,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldErrorValue;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-invalid={errorList(error).length > 0 || undefined}
      aria-describedby={fieldDescribedBy(id, { hint, error })}
      className={className}
    >
      <legend id={`${id}-legend`} className="text-sm font-medium">
        {legend}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-fg-muted">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
