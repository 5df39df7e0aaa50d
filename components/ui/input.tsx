import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./control";

export type InputProps = ComponentProps<"input"> & { invalid?: boolean };

export function Input({ invalid, className, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} className={controlClasses(cn("h-10", className))} {...props} />;
}
