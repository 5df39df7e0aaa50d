"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { signUpAction } from "@/lib/auth/account-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";
import { signUpSchema } from "@/lib/validation/account";

export function SignUpForm() {
  const { form, onSubmit, pending, result } = useActionForm(signUpSchema, signUpAction, {
    name: "",
    organizationName: "",
    email: "",
    password: "",
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
      <TextField form={form} name="organizationName" label="Company name" autoComplete="organization" hint="Your team's organization in the portal. You become its owner." />
      <TextField form={form} name="email" label="Work e-mail" type="email" autoComplete="email" hint="We send a confirmation link to this address." />
      <TextField form={form} name="password" label="Password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} />
      <FormMessage result={result?.ok ? null : result} />
      <Button type="submit" className="w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
