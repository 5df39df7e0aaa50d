"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { resendSignUpAction } from "@/lib/auth/sign-up-actions";

export function ResendSignUpForm() {
  const [result, formAction, pending] = useActionState(resendSignUpAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage result={result} />
      <Button type="submit" variant="secondary" loading={pending}>
        Send the link again
      </Button>
    </form>
  );
}
