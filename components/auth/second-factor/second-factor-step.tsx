"use client";
import { useState } from "react";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { recoveryCodeAction, finishSignInAction, totpCodeAction } from "@/lib/auth/second-factor-actions";
import { CodeForm } from "./code-form";
import { PasskeyButton } from "./passkey-button";
import { RecoveryCodes } from "./recovery-codes";
import { TotpSetup } from "./totp-setup";

/**
 * The sign-in step between password and session for staff: prove a factor, or add the first
 * one (a passkey by default; an authenticator app where passkeys are not available), then
 * save the recovery codes.
 */
export function SecondFactorStep({ stage, hasPasskey, hasTotp }: { stage: "verify" | "enroll" | "enrolled"; hasPasskey: boolean; hasTotp: boolean }) {
  const [codes, setCodes] = useState<string[]>();
  if (codes || stage === "enrolled") {
    return (
      <div className="space-y-4">
        {codes ? (
          <RecoveryCodes codes={codes} />
        ) : (
          <p className="text-sm">Your second factor is set up. Your recovery codes were shown once; you can make new ones on your account page.</p>
        )}
        <ActionButtonForm action={finishSignInAction} label="I have saved them: continue" variant="primary" />
      </div>
    );
  }
  if (stage === "enroll") {
    return (
      <div className="space-y-6">
        <PasskeyButton context="sign_in" label="Add a passkey" onCodes={setCodes} />
        <div className="border-t border-border pt-4">
          <TotpSetup context="sign_in" onCodes={setCodes} />
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {hasPasskey ? <PasskeyButton context="sign_in" label="Use your passkey" /> : null}
      {hasTotp ? (
        <CodeForm label="Code from your authenticator app" numeric submitLabel="Verify" send={(code) => totpCodeAction(null, { context: "sign_in", code })} />
      ) : null}
      <details className="border-t border-border pt-4 text-sm">
        <summary className="cursor-pointer text-primary underline underline-offset-4">Use a recovery code</summary>
        <div className="mt-3">
          <CodeForm
            label="Recovery code"
            hint="Like 7QKM-2XHD-PA. Each works once."
            submitLabel="Use the recovery code"
            send={(code) => recoveryCodeAction(null, { code })}
          />
        </div>
      </details>
    </div>
  );
}
