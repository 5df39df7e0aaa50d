import { cn } from "./cn";

/** Shared look for Input / Textarea / Select. Invalid state keys off aria-invalid. */
export function controlClasses(className?: string): string {
  return cn(
    "block w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-fg shadow-xs",
    "transition-colors placeholder:text-fg-muted hover:border-fg-muted",
    "aria-invalid:border-danger disabled:cursor-not-allowed disabled:bg-surface-muted disabled:opacity-70",
    className,
  );
}
