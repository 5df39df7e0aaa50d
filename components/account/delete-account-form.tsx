"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { deleteAccountAction } from "@/lib/auth/account-settings-actions";

export function DeleteAccountForm({ withPassword, email }: { withPassword: boolean; email: string }) {
  const { form, onSubmit, pending, result } = useActionForm(() => import("@/lib/validation/account").then((m) => m.deleteAccountSchema), deleteAccountAction, {
    confirmation: "",
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      {withPassword ? (
        <TextField form={form} name="confirmation" label="Your password, to confirm" type="password" autoComplete="current-password" />
      ) : (
        <TextField form={form} name="confirmation" label={`Type ${email} to confirm`} type="email" autoComplete="off" />
      )}
      <FormMessage result={result?.ok ? null : result} />
      <Button type="submit" variant="danger" loading={pending}>
        Delete my account
      </Button>
    </form>
  );
}
