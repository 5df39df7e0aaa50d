"use client";
import { cn } from "@/components/ui/cn";

import { STEPS, type StepId } from "./steps";

export type StepState = "complete" | "attention" | "todo" | "current";

const STATE_TEXT: Record<Exclude<StepState, "current">, string> = {
  complete: "complete",
  attention: "needs attention",
  todo: "not complete yet",
};

/** The wizard's steps with each section's state; the current one has aria-current="step". */
export function StepNav({
  current,
  states,
  onSelect,
}: {
  current: StepId;
  states: Record<StepId, Exclude<StepState, "current">>;
  onSelect: (step: StepId) => void;
}) {
  return (
    <nav aria-label="Registration steps">
      {/* relative: the sr-only state texts are absolutely placed; without a positioned scroll
          container they escape it and widen the page at 360 px. */}
      <ol className="relative flex gap-2 overflow-x-auto lg:flex-col">
        {STEPS.map((step, index) => {
          const state = states[step.id];
          const active = step.id === current;
          return (
            <li key={step.id} className="shrink-0">
              <button
                type="button"
                onClick={() => onSelect(step.id)}
                aria-current={active ? "step" : undefined}
                className={cn(
                  "flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm",
                  active ? "bg-surface-muted font-medium text-fg" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
                )}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    "grid size-6 shrink-0 place-items-center rounded-full border text-xs font-semibold",
                    state === "complete" && "border-success bg-success-soft text-success",
                    state === "attention" && "border-danger bg-danger-soft text-danger",
                    state === "todo" && "border-border-strong text-fg-muted",
                  )}
                >
                  {state === "complete" ? "✓" : state === "attention" ? "!" : index + 1}
                </span>
                <span>
                  <span className="hidden lg:inline">{step.title}</span>
                  <span className="lg:hidden">{step.short}</span>
                  {step.id !== "review" ? <span className="sr-only">, {STATE_TEXT[state]}</span> : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
