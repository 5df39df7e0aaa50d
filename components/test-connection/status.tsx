import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { RunStatus, StepStatus } from "@/lib/test-connection/types";

// Status of a run or a step: an icon and a word, never colour alone.

const RUN_LABEL: Record<RunStatus, string> = {
  pending: "Waiting for the browser",
  running: "Running",
  passed: "Passed",
  failed: "Failed",
  expired: "Expired",
};
const RUN_TONE: Record<RunStatus, BadgeTone> = { pending: "info", running: "info", passed: "success", failed: "danger", expired: "neutral" };

export const STEP_LABEL: Record<StepStatus, string> = { passed: "Passed", failed: "Failed", skipped: "Skipped" };

const PATHS: Record<StepStatus | "pending", string> = {
  passed: "m5.5 10.5 3 3 6-7",
  failed: "m6.5 6.5 7 7m0-7-7 7",
  skipped: "M6 10h8",
  pending: "M10 6v4l2.5 2.5",
};

export function StatusIcon({ status, className }: { status: StepStatus | "pending"; className?: string }) {
  const tone = status === "passed" ? "text-success" : status === "failed" ? "text-danger" : "text-fg-muted";
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cn("size-5 shrink-0", tone, className)}
    >
      <circle cx="10" cy="10" r="8.25" strokeWidth="1.5" />
      <path d={PATHS[status]} />
    </svg>
  );
}

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const icon = status === "passed" || status === "failed" ? status : status === "expired" ? "skipped" : "pending";
  return (
    <Badge tone={RUN_TONE[status]}>
      <StatusIcon status={icon} className="size-3.5" />
      {RUN_LABEL[status]}
    </Badge>
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
