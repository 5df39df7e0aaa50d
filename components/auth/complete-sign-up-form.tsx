"use client";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { completeSignUpAction } from "@/lib/auth/sign-up-actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

/** Step two of sign-up: whoever opened the e-mailed link chooses everything about the account. */
export function CompleteSignUpForm({ token, brand, staff }: { token: string; brand: string; staff: boolean }) {
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.completeSignUpSchema(brand)),
    completeSignUpAction,
    staff ? { token, name: "", password: "" } : { token, name: "", organizationName: "", password: "" },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
      {staff ? null : (
        <TextField
          form={form}
          name="organizationName"
          label="Company name"
          autoComplete="organization"
          hint="Your team's organization in the portal. You become its owner."
        />
      )}
      <TextField
        form={form}
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <FormMessage result={result?.ok ? null : result} />
      <Button type="submit" className="w-full" loading={pending}>
        Create account
      </Button>
    </form>
  );
}
