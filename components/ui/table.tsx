import type { ComponentProps } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /**
   * Accessible name for the scroll container. The container is keyboard-focusable
   * so narrow screens can scroll it (axe: scrollable-region-focusable).
   */
  label?: string;
  containerClassName?: string;
};

export function Table({ label, containerClassName, className, ...props }: TableProps) {
  return (
    <div
      tabIndex={0}
      role={label ? "region" : undefined}
      aria-label={label}
      className={cn("relative w-full overflow-x-auto rounded-lg border border-border bg-surface", containerClassName)}
    >
      <table className={cn("w-full border-collapse text-left text-sm text-fg", className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-border bg-surface-muted", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-border", className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors hover:bg-surface-muted", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return <th scope={scope} className={cn("px-4 py-3 text-xs font-medium whitespace-nowrap text-fg-muted", className)} {...props} />;
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle", className)} {...props} />;
}
