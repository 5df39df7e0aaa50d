"use client";
import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";

/** One field and its button on a line (stacked on narrow screens); field errors stay at the field. */
export function InlineForm({
  onSubmit,
  pending,
  result,
  submitLabel,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  pending: boolean;
  result: ActionResult<unknown> | null;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">{children}</div>
        <Button type="submit" loading={pending} className="sm:mt-6">
          {submitLabel}
        </Button>
      </div>
      <FormError result={result} />
    </form>
  );
}
