"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { acceptInviteAction } from "@/lib/auth/account-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

export function AcceptInviteForm({ token }: { token: string }) {
  const { form, onSubmit, pending, result } = useActionForm(() => import("@/lib/validation/account").then((m) => m.acceptInviteSchema), acceptInviteAction, {
    token,
    name: "",
    password: "",
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
      <TextField
        form={form}
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <FormMessage result={result} />
      <Button type="submit" className="w-full" loading={pending}>
        Join the organization
      </Button>
    </form>
  );
}
