"use client";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";
import { passkeyAction, passkeyOptionsAction } from "@/lib/auth/second-factor-actions";
import { createPasskey, passkeysSupported, provePasskey } from "./webauthn";

type Context = "sign_in" | "add";

function explain(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError") return "The passkey prompt was closed or timed out. Try again.";
  if (name === "InvalidStateError") return "This device already has a passkey for your account.";
  if (name === "SecurityError") return "Passkeys need the portal's own address (https, or localhost).";
  return "Your browser could not use a passkey. Try again, or use an authenticator app.";
}

/** Creates or uses a passkey, whichever the step needs; the server decides which. */
export function PasskeyButton({
  context,
  label,
  variant = "primary",
  onCodes,
  onDone,
}: {
  context: Context;
  label: string;
  variant?: ButtonVariant;
  onCodes?: (codes: string[]) => void;
  onDone?: (message: string) => void;
}) {
  const [pending, start] = useTransition();
  const [refusal, setRefusal] = useState<ActionResult | null>(null);
  if (!passkeysSupported()) return <Alert tone="info">This browser does not support passkeys. Use an authenticator app instead.</Alert>;
  return (
    <div className="space-y-3">
      <FormError result={refusal} />
      <Button
        variant={variant}
        loading={pending}
        onClick={() =>
          start(async () => {
            setRefusal(null);
            const prepared = await passkeyOptionsAction(null, { context });
            if (!prepared.ok) return setRefusal(prepared);
            if (!prepared.data) return;
            let credential: Record<string, unknown>;
            try {
              credential = prepared.data.mode === "register" ? await createPasskey(prepared.data.options) : await provePasskey(prepared.data.options);
            } catch (e) {
              return setRefusal({ ok: false, error: explain(e) });
            }
            const result = await passkeyAction(null, { context, credential });
            if (!result.ok) return setRefusal(result);
            if (result.data && "codes" in result.data) onCodes?.(result.data.codes as string[]);
            else if (result.message) onDone?.(result.message);
          })
        }
      >
        {label}
      </Button>
    </div>
  );
}
