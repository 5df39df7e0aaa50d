"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { changePasswordAction } from "@/lib/auth/account-settings-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

export function PasswordForm() {
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.changePasswordSchema),
    changePasswordAction,
    { currentPassword: "", newPassword: "" },
    {
      onSuccess: () => form.reset({ currentPassword: "", newPassword: "" }),
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <TextField form={form} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
      <TextField
        form={form}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions are signed out.`}
      />
      <FormMessage result={result} />
      <Button type="submit" loading={pending}>
        Change password
      </Button>
    </form>
  );
}
