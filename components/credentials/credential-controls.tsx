"use client";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldError, fieldControl } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { usePostForm } from "@/components/forms/use-post-form";
import { revealSecretAction, revokeAsAdminAction, revokeAsOwnerAction, rotateSecretAction } from "@/lib/actions/credentials";

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

export function RevokeClient({ registrationId, as }: { registrationId: string; as: "owner" | "admin" }) {
  const [confirm, setConfirm] = useState(false);
  const { pending, result, formProps } = usePostForm(as === "owner" ? revokeAsOwnerAction : revokeAsAdminAction, {
    toast: "Revoked.",
    refresh: true,
    onSettled: () => setConfirm(false),
  });
  // One FormError for both states, so showing the confirmation does not move the focus to it again.
  return (
    <div className="space-y-2">
      {confirm ? (
        <form className="space-y-2" {...formProps(() => ({ registrationId }))}>
          <p className="text-sm">Revoking deletes the client at the authorization server: its tokens and secret stop working at once. This cannot be undone.</p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" loading={pending}>
              Confirm: revoke
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="ghost" onClick={() => setConfirm(true)}>
          Revoke client…
        </Button>
      )}
      <FormError result={result} fields={[]} />
    </div>
  );
}
