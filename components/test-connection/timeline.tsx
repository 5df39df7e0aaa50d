import { ExplanationAlert } from "./explanation-alert";
import type { Step } from "@/lib/test-connection/types";
import { HttpExchangeView, ScopeComparison, TokenClaims } from "./step-details";
import { STEP_LABEL, StatusIcon, formatDuration } from "./status";

// The steps of one run as a vertical timeline: icon and status word, duration, summary,
// the explanation of a failure, and the expandable details.

export function Timeline({ steps }: { steps: Step[] }) {
  return (
    <ol className="relative space-y-6 border-l-2 border-border pl-6" aria-label="Steps of this test run">
      {steps.map((step, index) => (
        <li key={`${step.id}-${index}`} className="relative">
          <span className="absolute top-0.5 -left-[2.15rem] rounded-full bg-bg p-0.5">
            <StatusIcon status={step.status} />
          </span>
          <div className="space-y-3">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h2 className="text-base font-semibold">
                {index + 1}. {step.title}
              </h2>
              <span
                className={
                  step.status === "failed"
                    ? "text-sm font-medium text-danger"
                    : step.status === "passed"
                      ? "text-sm font-medium text-success"
                      : "text-sm text-fg-muted"
                }
              >
                {STEP_LABEL[step.status]}
              </span>
              {step.status !== "skipped" ? <span className="text-sm text-fg-muted">{formatDuration(step.durationMs)}</span> : null}
            </div>
            {step.summary ? <p className="text-sm">{step.summary}</p> : null}
            {step.explanation ? (
              <ExplanationAlert
                tone={step.status === "failed" ? "danger" : "info"}
                title={step.status === "failed" ? "What went wrong" : "Why"}
                explanation={step.explanation}
              />
            ) : null}
            {step.scopes && (step.scopes.granted.length || step.id === "token_exchange") ? (
              <ScopeComparison requested={step.scopes.requested} granted={step.scopes.granted} />
            ) : step.scopes ? (
              <p className="text-sm">
                <span className="text-fg-muted">Scopes requested: </span>
                <code className="font-mono text-xs">{step.scopes.requested.join(" ")}</code>
              </p>
            ) : null}
            {step.notes?.length ? (
              <ul className="list-disc space-y-0.5 pl-5 text-sm text-fg-muted">
                {step.notes.map((n) => (
                  <li key={n} className="break-words">
                    {n}
                  </li>
                ))}
              </ul>
            ) : null}
            {step.http ? <HttpExchangeView exchange={step.http} /> : null}
            {step.tokens?.length ? <TokenClaims tokens={step.tokens} /> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
