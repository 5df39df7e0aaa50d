import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./control";

export type SelectProps = ComponentProps<"select"> & { invalid?: boolean };

/** Native <select> (children are <option>s) with a custom chevron. */
export function Select({ invalid, className, ...props }: SelectProps) {
  return <select aria-invalid={invalid || undefined} className={controlClasses(cn("select-chevron h-10 pr-10", className))} {...props} />;
}
