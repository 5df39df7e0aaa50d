"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { revealSecretAction, revokeAsAdminAction, revokeAsOwnerAction, rotateSecretAction } from "@/lib/actions/credentials";

/** Reveals the secret once. It lives only in this component's state: gone on reload. */
export function RevealSecret({ registrationId }: { registrationId: string }) {
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  if (secret) {
    return (
      <div className="space-y-2">
        <Alert tone="warning" title="Copy the secret now">
          You will not see it again. Store it on your server (never in front-end code or an app users install). If it is lost, rotate it.
        </Alert>
        <div className="flex flex-wrap items-center gap-2">
          <code className="break-all rounded bg-surface-muted px-2 py-1 font-mono text-sm" aria-label="Client secret">{secret}</code>
          <CopyButton value={secret} label="client secret" />
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <Button
        loading={pending}
        onClick={() =>
          start(async () => {
            const r = await revealSecretAction(null, { registrationId });
            if (r.ok && r.data) setSecret(r.data.secret);
            else if (!r.ok) setError(r.error);
          })
        }
      >
        Reveal client secret (once)
      </Button>
      {error ? <Alert tone="danger">{error}</Alert> : null}
    </div>
  );
}

export function RotateSecret({ registrationId, graces }: { registrationId: string; graces: { value: number; label: string }[] }) {
  const id = useId();
  const router = useRouter();
  const [grace, setGrace] = useState(86400);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await rotateSecretAction(null, { registrationId, grace });
          if (r.ok) toast(r.message ?? "Rotated.", { tone: "success" });
          else setError(r.error);
          router.refresh();
        });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-grace`} className="text-sm font-medium">Old secret keeps working for</label>
        <Select id={`${id}-grace`} value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
          {graces.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}
        </Select>
      </div>
      <Button type="submit" variant="secondary" loading={pending}>Rotate secret</Button>
      {error ? <Alert tone="danger" className="w-full">{error}</Alert> : null}
    </form>
  );
}

export function RevokeClient({ registrationId, as }: { registrationId: string; as: "owner" | "admin" }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  if (!confirm) return <Button variant="ghost" onClick={() => setConfirm(true)}>Revoke client…</Button>;
  return (
    <div className="space-y-2">
      <p className="text-sm">Revoking deletes the client at the authorization server: its tokens and secret stop working at once. This cannot be undone.</p>
      <div className="flex gap-2">
        <Button
          variant="danger"
          loading={pending}
          onClick={() =>
            start(async () => {
              const r = await (as === "owner" ? revokeAsOwnerAction : revokeAsAdminAction)(null, { registrationId });
              if (r.ok) toast(r.message ?? "Revoked.", { tone: "success" });
              else setError(r.error);
              setConfirm(false);
              router.refresh();
            })
          }
        >
          Confirm: revoke
        </Button>
        <Button variant="secondary" onClick={() => setConfirm(false)}>Cancel</Button>
      </div>
      {error ? <Alert tone="danger">{error}</Alert> : null}
    </div>
  );
}
