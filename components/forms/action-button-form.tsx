"use client";
import { useActionState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import type { ActionResult, ActionState } from "@/lib/actions/safe-action";

/**
 * A form that is one button: it posts to a server action (progressively, so it works before
 * JavaScript loads) and shows the action's answer above the button.
 */
export function ActionButtonForm({
  action,
  label,
  variant = "secondary",
}: {
  action: (previous: ActionState, payload: FormData) => Promise<ActionResult>;
  label: string;
  variant?: ButtonVariant;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage result={result} />
      <Button type="submit" variant={variant} loading={pending}>
        {label}
      </Button>
    </form>
  );
}
