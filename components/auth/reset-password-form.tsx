"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { resetPasswordAction } from "@/lib/auth/account-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

export function ResetPasswordForm({ token }: { token: string }) {
  const { form, onSubmit, pending, result } = useActionForm(() => import("@/lib/validation/account").then((m) => m.resetPasswordSchema), resetPasswordAction, {
    token,
    password: "",
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField
        form={form}
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Signing in elsewhere ends when you change it.`}
      />
      <FormMessage result={result} />
      <Button type="submit" className="w-full" loading={pending}>
        Set new password
      </Button>
    </form>
  );
}
