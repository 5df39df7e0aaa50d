"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { forgotPasswordAction } from "@/lib/auth/account-actions";

export function ForgotPasswordForm() {
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.forgotPasswordSchema),
    forgotPasswordAction,
    { email: "" },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField form={form} name="email" label="E-mail" type="email" autoComplete="email" autoFocus />
      <FormMessage result={result} />
      <Button type="submit" className="w-full" loading={pending}>
        Send reset link
      </Button>
    </form>
  );
}
