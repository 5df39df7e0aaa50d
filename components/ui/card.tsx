import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("rounded-lg border border-border bg-surface text-fg shadow-xs", className)} {...props} />;
}

export type CardHeaderProps = Omit<ComponentProps<"div">, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level for the title; default 2. */
  level?: 2 | 3;
  /** id for the title, e.g. to label a section via aria-labelledby. */
  titleId?: string;
};

export function CardHeader({ title, description, actions, level = 2, titleId, className, ...props }: CardHeaderProps) {
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <div className={cn("flex flex-col gap-3 border-b border-border px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6", className)} {...props}>
      <div className="flex min-w-0 flex-col gap-1">
        <Heading id={titleId} className="text-base font-semibold text-fg">
          {title}
        </Heading>
        {description ? <p className="text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("px-4 py-4 sm:px-6 sm:py-6", className)} {...props} />;
}
