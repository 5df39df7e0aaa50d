import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

const toneClasses: Record<AlertTone, { box: string; accent: string }> = {
  info: { box: "border-info/30 bg-info-soft", accent: "text-info" },
  success: { box: "border-success/30 bg-success-soft", accent: "text-success" },
  warning: { box: "border-warning/30 bg-warning-soft", accent: "text-warning" },
  danger: { box: "border-danger/30 bg-danger-soft", accent: "text-danger" },
};

const iconPaths: Record<AlertTone, string> = {
  info: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm0-11V6.5m0 2.5v4.5",
  success: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-3.5-8 2.5 2.5 4.5-5",
  warning: "M10 3 2 17h16L10 3Zm0 5v4m0 2.5v.5",
  danger: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM7 7l6 6m0-6-6 6",
};

export function ToneIcon({ tone, className }: { tone: AlertTone; className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cn("size-5 shrink-0", className)}
    >
      <path d={iconPaths[tone]} />
    </svg>
  );
}

export type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
};

/** role="alert" only for danger (interrupts); other tones are polite status messages. */
export function Alert({ tone = "info", title, className, children, ...props }: AlertProps) {
  const t = toneClasses[tone];
  return (
    <div role={tone === "danger" ? "alert" : "status"} className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm text-fg", t.box, className)} {...props}>
      <ToneIcon tone={tone} className={t.accent} />
      <div className="flex min-w-0 flex-col gap-1">
        {title ? <p className={cn("font-medium", t.accent)}>{title}</p> : null}
        {children ? <div className="text-fg">{children}</div> : null}
      </div>
    </div>
  );
}
