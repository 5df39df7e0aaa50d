import { Alert, type AlertTone } from "@/components/ui/alert";
import type { Explanation } from "@/lib/test-connection/types";

/** A Test connection problem as the partner reads it: what went wrong, then how to fix it. */
export function ExplanationAlert({ tone, title, explanation }: { tone: AlertTone; title: string; explanation: Pick<Explanation, "problem" | "fix"> }) {
  return (
    <Alert tone={tone} title={title}>
      <p>{explanation.problem}</p>
      <p className="mt-2">
        <strong>How to fix it: </strong>
        {explanation.fix}
      </p>
    </Alert>
  );
}
