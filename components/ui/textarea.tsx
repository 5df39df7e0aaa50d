import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./control";

export type TextareaProps = ComponentProps<"textarea"> & { invalid?: boolean };

export function Textarea({ invalid, className, rows = 4, ...props }: TextareaProps) {
  return <textarea rows={rows} aria-invalid={invalid || undefined} className={controlClasses(cn("min-h-20 py-2 leading-6", className))} {...props} />;
}
