"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { resendVerificationAction, signInAction } from "@/lib/auth/account-actions";
import { signInSchema } from "@/lib/validation/account";
import type { ActionResult } from "@/lib/actions/safe-action";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { form, onSubmit, pending, result } = useActionForm(signInSchema, signInAction, {
    email: "",
    password: "",
    callbackUrl,
  });
  const [resent, setResent] = useState<ActionResult | null>(null);
  const [resending, startResend] = useTransition();
  const unverified = result && !result.ok && result.code === "unverified";

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
      {unverified ? (
        <div className="space-y-2">
          <Button
            type="button"
            variant="secondary"
            loading={resending}
            onClick={() =>
              startResend(async () => setResent(await resendVerificationAction(null, { email: form.getValues("email") })))
            }
          >
            Send a new confirmation link
          </Button>
          {resent?.ok ? <Alert tone="info">{resent.message}</Alert> : null}
        </div>
      ) : null}
      <Button type="submit" className="w-full" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
