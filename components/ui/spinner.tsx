import type { ComponentProps } from "react";
import { cn } from "./cn";

export type SpinnerProps = Omit<ComponentProps<"svg">, "children"> & {
  /** Rendered as sr-only text. Omit when the surrounding element already conveys loading (e.g. aria-busy). */
  label?: string;
};

export function Spinner({ label, className, ...props }: SpinnerProps) {
  return (
    <>
      <svg viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false" className={cn("size-4 shrink-0 animate-spin", className)} {...props}>
        <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="3" opacity="0.25" />
        <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      {label ? <span className="sr-only">{label}</span> : null}
    </>
  );
}
