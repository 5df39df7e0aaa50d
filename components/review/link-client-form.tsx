"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { linkClientAction } from "@/lib/actions/credentials";

/** Manual provisioning: link a client ID issued outside the portal. */
export function LinkClientForm({ registrationId, defaultIssuer }: { registrationId: string; defaultIssuer: string }) {
  const id = useId();
  const router = useRouter();
  const [clientId, setClientId] = useState("");
  const [issuer, setIssuer] = useState(defaultIssuer);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await linkClientAction(null, { registrationId, clientId, issuer });
          if (r.ok) toast(r.message ?? "Linked.", { tone: "success" });
          else setError(r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.error);
          router.refresh();
        });
      }}
    >
      <Field id={`${id}-client`} label="Client ID issued elsewhere">
        <Input id={`${id}-client`} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="12a3b456-78c9-0d12-34e5-f678ab9bcd0e" />
      </Field>
      <Field id={`${id}-issuer`} label="Issuer">
        <Input id={`${id}-issuer`} value={issuer} onChange={(e) => setIssuer(e.target.value)} />
      </Field>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <Button type="submit" variant="secondary" loading={pending} disabled={!clientId.trim()}>Link client ID</Button>
    </form>
  );
}
