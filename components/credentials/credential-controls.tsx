"use client";
import { useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldError, fieldControl } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { usePostForm } from "@/components/forms/use-post-form";
import type { ActionResult } from "@/lib/actions/safe-action";
import { retirePreviousSecretAction, revealSecretAction, revokeAsAdminAction, revokeAsOwnerAction, rotateSecretAction } from "@/lib/actions/credentials";

/** Reveals the secret once. It lives only in this component's state: gone on reload. */
export function RevealSecret({ registrationId }: { registrationId: string }) {
  const [secret, setSecret] = useState<string>();
  const { pending, result, formProps } = usePostForm(revealSecretAction, { onSuccess: (r) => setSecret(r.data?.secret) });
  if (secret) {
    return (
      <div className="space-y-2">
        <Alert tone="warning" title="Copy the secret now">
          You will not see it again. Store it on your server (never in front-end code or an app users install). If it is lost, rotate it.
        </Alert>
        <div className="flex flex-wrap items-center gap-2">
          <code className="break-all rounded bg-surface-muted px-2 py-1 font-mono text-sm" aria-label="Client secret">
            {secret}
          </code>
          <CopyButton value={secret} label="client secret" />
        </div>
      </div>
    );
  }
  return (
    <form className="space-y-2" {...formProps(() => ({ registrationId }))}>
      <Button type="submit" loading={pending}>
        Reveal client secret (once)
      </Button>
      <FormError result={result} fields={[]} />
    </form>
  );
}

export function RotateSecret({ registrationId, graces }: { registrationId: string; graces: { value: number; label: string }[] }) {
  const id = useId();
  const [grace, setGrace] = useState(86400);
  const { pending, result, formProps } = usePostForm(rotateSecretAction, { toast: "Rotated.", refresh: true });
  const graceError = errorsOf(result, "grace");
  return (
    <form className="flex flex-wrap items-end gap-2" {...formProps(() => ({ registrationId, grace }))}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-grace`} className="text-sm font-medium">
          Old secret keeps working for
        </label>
        <Select {...fieldControl(`${id}-grace`, { error: graceError })} value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
          {graces.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" loading={pending}>
        Rotate secret
      </Button>
      {/* Below the row, so the button stays level with the list. */}
      <FieldError id={`${id}-grace`} error={graceError} className="w-full" />
      <FormError result={result} fields={["grace"]} className="w-full" />
    </form>
  );
}

/** A button that asks for confirmation before it posts: for changes that cannot be undone. */
function ConfirmedAction<P>(props: {
  action: (prev: null, payload: P) => Promise<ActionResult<unknown>>;
  payload: P;
  start: { label: string; variant: "ghost" | "secondary" };
  warning: ReactNode;
  confirmLabel: string;
  toast: string;
}) {
  const [confirm, setConfirm] = useState(false);
  const { pending, result, formProps } = usePostForm(props.action, { toast: props.toast, refresh: true, onSettled: () => setConfirm(false) });
  // One FormError for both states, so showing the confirmation does not move the focus to it again.
  return (
    <div className="space-y-2">
      {confirm ? (
        <form className="space-y-2" {...formProps(() => props.payload)}>
          <p className="text-sm">{props.warning}</p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" loading={pending}>
              {props.confirmLabel}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant={props.start.variant} onClick={() => setConfirm(true)}>
          {props.start.label}
        </Button>
      )}
      <FormError result={result} fields={[]} />
    </div>
  );
}

export function RevokeClient({ registrationId, as }: { registrationId: string; as: "owner" | "admin" }) {
  return (
    <ConfirmedAction
      action={as === "owner" ? revokeAsOwnerAction : revokeAsAdminAction}
      payload={{ registrationId }}
      start={{ label: "Revoke client…", variant: "ghost" }}
      warning="Revoking deletes the client at the authorization server: its tokens and secret stop working at once. This cannot be undone."
      confirmLabel="Confirm: revoke"
      toast="Revoked."
    />
  );
}

/** Ends a previous secret's grace period now, after a confirmation: apps still using it stop working. */
export function RetirePreviousSecret({ registrationId, secretId, last4 }: { registrationId: string; secretId: string; last4: string }) {
  return (
    <ConfirmedAction
      action={retirePreviousSecretAction}
      payload={{ registrationId, secretId }}
      start={{ label: "Retire the previous secret now", variant: "secondary" }}
      warning={
        <>
          The secret ending in <span className="font-mono">{last4}</span> stops working at once: any app still using it can no longer get tokens. This cannot be
          undone.
        </>
      }
      confirmLabel="Confirm: retire it"
      toast="Retired."
    />
  );
}
