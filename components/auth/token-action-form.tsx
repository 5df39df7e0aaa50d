"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { usePostForm } from "@/components/forms/use-post-form";
import type { ActionResult } from "@/lib/actions/safe-action";

/** One button that sends a link's token to a server action (confirming is a POST, not a GET). */
export function TokenActionForm({
  token,
  label,
  action,
}: {
  token: string;
  label: string;
  action: (prev: null, payload: Record<string, unknown>) => Promise<ActionResult>;
}) {
  const { pending, result, submit } = usePostForm(action);
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit({ token });
      }}
    >
      <FormMessage result={result} />
      <Button type="submit" className="w-full" loading={pending}>
        {label}
      </Button>
    </form>
  );
}
