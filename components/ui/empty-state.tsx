import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  /** Heading level for the title; default 2. */
  level?: 2 | 3;
  className?: string;
};

export function EmptyState({ title, description, action, icon, level = 2, className }: EmptyStateProps) {
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <div className={cn("flex flex-col items-center gap-2 rounded-lg border border-dashed border-border-strong bg-surface px-6 py-12 text-center", className)}>
      {icon ? (
        <div aria-hidden="true" className="mb-2 text-fg-muted">
          {icon}
        </div>
      ) : null}
      <Heading className="text-base font-semibold text-fg">{title}</Heading>
      {description ? <p className="max-w-md text-sm text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
