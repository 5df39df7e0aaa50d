"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControl } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { usePostForm } from "@/components/forms/use-post-form";
import { linkClientAction } from "@/lib/actions/credentials";

/** Manual provisioning: link a client ID issued outside the portal. */
export function LinkClientForm({ registrationId, defaultIssuer }: { registrationId: string; defaultIssuer: string }) {
  const id = useId();
  const [clientId, setClientId] = useState("");
  const [issuer, setIssuer] = useState(defaultIssuer);
  const { pending, result, formProps } = usePostForm(linkClientAction, { toast: "Linked.", refresh: true });
  const errors = { clientId: errorsOf(result, "clientId"), issuer: errorsOf(result, "issuer") };
  return (
    <form className="space-y-3" {...formProps(() => ({ registrationId, clientId, issuer }))}>
      <Field id={`${id}-client`} label="Client ID issued elsewhere" error={errors.clientId}>
        <Input
          {...fieldControl(`${id}-client`, { error: errors.clientId })}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          placeholder="12a3b456-78c9-0d12-34e5-f678ab9bcd0e"
        />
      </Field>
      <Field id={`${id}-issuer`} label="Issuer" error={errors.issuer}>
        <Input {...fieldControl(`${id}-issuer`, { error: errors.issuer })} value={issuer} onChange={(e) => setIssuer(e.target.value)} />
      </Field>
      <FormError result={result} fields={["clientId", "issuer"]} />
      <Button type="submit" variant="secondary" loading={pending} disabled={!clientId.trim()}>
        Link client ID
      </Button>
    </form>
  );
}
