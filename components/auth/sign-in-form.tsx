"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { signInAction } from "@/lib/auth/account-actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { form, onSubmit, pending, result } = useActionForm(() => import("@/lib/validation/account").then((m) => m.signInSchema), signInAction, {
    email: "",
    password: "",
    callbackUrl,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField form={form} name="email" label="E-mail" type="email" autoComplete="email" autoFocus />
      <TextField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
      <div className="flex justify-end text-sm">
        <Link href="/forgot-password" className="text-primary underline underline-offset-4">
          Forgot your password?
        </Link>
      </div>
      <FormMessage result={result} />
      <Button type="submit" className="w-full" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
