import { Alert } from "@/components/ui/alert";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";

/** The outcome of a form submission, announced to screen readers: a refusal is a FormError. */
export function FormMessage({ result }: { result: ActionResult<unknown> | null }) {
  if (!result) return null;
  if (result.ok) return result.message ? <Alert tone="success">{result.message}</Alert> : null;
  return <FormError result={result} />;
}
