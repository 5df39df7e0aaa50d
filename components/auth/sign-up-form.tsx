"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { signUpAction } from "@/lib/auth/sign-up-actions";

export function SignUpForm() {
  const { form, onSubmit, pending, result } = useActionForm(() => import("@/lib/validation/account").then((m) => m.signUpSchema), signUpAction, { email: "" });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField
        form={form}
        name="email"
        label="Work e-mail"
        type="email"
        autoComplete="email"
        autoFocus
        hint="We send a link to this address. You choose your password and name your organization after opening it."
      />
      <FormMessage result={result?.ok ? null : result} />
      <Button type="submit" className="w-full" loading={pending}>
        Continue
      </Button>
    </form>
  );
}
