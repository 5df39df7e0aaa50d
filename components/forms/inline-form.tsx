"use client";
import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import type { ActionResult } from "@/lib/actions/safe-action";

/** One field and its button on a line (stacked on narrow screens); field errors stay at the field. */
export function InlineForm({ onSubmit, pending, result, submitLabel, children }: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  pending: boolean;
  result: ActionResult<unknown> | null;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <div className="flex-1">{children}</div>
      <Button type="submit" loading={pending} className="sm:mt-6">
        {submitLabel}
      </Button>
      {result && !result.ok && !result.fieldErrors ? <FormMessage result={result} /> : null}
    </form>
  );
}
