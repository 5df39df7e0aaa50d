"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";
import { totpCodeAction, totpSetupAction } from "@/lib/auth/second-factor-actions";
import { CodeForm } from "./code-form";

/** Adds an authenticator app: a QR code (or the key to type), then one code from the app. */
export function TotpSetup({
  context,
  onCodes,
  onDone,
}: {
  context: "sign_in" | "add";
  onCodes?: (codes: string[]) => void;
  onDone?: (message: string) => void;
}) {
  const [setup, setSetup] = useState<{ secret: string; qr: string }>();
  const [refusal, setRefusal] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  if (!setup) {
    return (
      <div className="space-y-3">
        <FormError result={refusal} />
        <Button
          variant="secondary"
          loading={pending}
          onClick={() =>
            start(async () => {
              const r = await totpSetupAction(null, { context });
              if (r.ok && r.data) setSetup(r.data);
              else if (!r.ok) setRefusal(r);
            })
          }
        >
          {context === "add" ? "Add an authenticator app" : "Use an authenticator app instead"}
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm">Scan this code with your authenticator app (1Password, Google Authenticator, Authy, …), then enter the six-digit code it shows.</p>
      {/* The SVG is drawn on the server from the otpauth URI: modules only, no text or script. */}
      <div className="w-44 rounded-md bg-white p-2" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: setup.qr }} />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-fg-muted">Or type the key:</span>
        <code className="break-all rounded bg-surface-muted px-2 py-1 font-mono">{setup.secret}</code>
        <CopyButton value={setup.secret} label="setup key" />
      </div>
      <CodeForm
        label="Code from the app"
        numeric
        submitLabel="Add the app"
        send={(code) => totpCodeAction(null, { context, code })}
        onSuccess={(r) => (r.data?.codes ? onCodes?.(r.data.codes) : onDone?.(r.message ?? "Authenticator app added."))}
      />
    </div>
  );
}
