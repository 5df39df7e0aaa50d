"use client";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

/** One code (from an authenticator app, or a recovery code) sent to a second-factor action. */
export function CodeForm({
  label,
  hint,
  submitLabel,
  numeric,
  send,
  onSuccess,
}: {
  label: string;
  hint?: string;
  submitLabel: string;
  numeric?: boolean;
  send: (code: string) => Promise<ActionResult<{ codes: string[] }>>;
  onSuccess?: (result: Extract<ActionResult<{ codes: string[] }>, { ok: true }>) => void;
}) {
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.oneCodeSchema),
    (_prev, payload) => send(String(payload.code ?? "")),
    { code: "" },
    {
      onSuccess,
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <TextField
        form={form}
        name="code"
        label={label}
        hint={hint}
        autoComplete={numeric ? "one-time-code" : "off"}
        inputMode={numeric ? "numeric" : undefined}
      />
      <FormMessage result={result?.ok ? null : result} />
      <Button type="submit" loading={pending} variant="secondary">
        {submitLabel}
      </Button>
    </form>
  );
}
