"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { PasskeyButton } from "@/components/auth/second-factor/passkey-button";
import { RecoveryCodes } from "@/components/auth/second-factor/recovery-codes";
import { TotpSetup } from "@/components/auth/second-factor/totp-setup";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { newRecoveryCodesAction, removeFactorAction } from "@/lib/auth/second-factor-actions";

type Factor = { id: string; kind: "PASSKEY" | "TOTP"; label: string; createdAt: string; lastUsedAt: string | null };

/** A staff member's second factors: add a passkey or an app, remove one (never the last), new recovery codes. */
export function SecondFactors({ factors, unusedCodes }: { factors: Factor[]; unusedCodes: number }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  const [pending, start] = useTransition();
  const done = (message: string) => {
    toast(message, { tone: "success" });
    router.refresh();
  };
  return (
    <div className="space-y-5">
      <ul className="divide-y divide-border rounded-md border border-border">
        {factors.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
            <span>
              <span className="font-medium">{f.kind === "PASSKEY" ? "Passkey" : "Authenticator app"}</span> · {f.label}
              {f.lastUsedAt ? ` · last used ${f.lastUsedAt}` : " · not used yet"}
            </span>
            {factors.length > 1 ? (
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${f.label}`}
                loading={pending}
                onClick={() =>
                  start(async () => {
                    const r = await removeFactorAction(null, { factorId: f.id });
                    if (r.ok) done(r.message ?? "Removed.");
                    else toast(r.error, { tone: "danger" });
                  })
                }
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <PasskeyButton context="add" label="Add a passkey" variant="secondary" onDone={done} />
      </div>
      <TotpSetup context="add" onDone={done} />
      <div className="space-y-3 border-t border-border pt-4">
        <p className="text-sm text-fg-muted">Recovery codes left: {unusedCodes}. Making new ones ends the old ones.</p>
        {codes ? <RecoveryCodes codes={codes} /> : null}
        {unusedCodes <= 2 && !codes ? <Alert tone="warning">You are running out of recovery codes.</Alert> : null}
        <Button
          variant="secondary"
          loading={pending}
          onClick={() =>
            start(async () => {
              const r = await newRecoveryCodesAction(null, {});
              if (!r.ok) return void toast(r.error, { tone: "danger" });
              setCodes(r.data?.codes);
              router.refresh(); // the count of codes left
            })
          }
        >
          Make new recovery codes
        </Button>
      </div>
    </div>
  );
}
