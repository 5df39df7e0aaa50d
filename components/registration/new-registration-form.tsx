"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/forms/form-message";
import { createRegistrationAction } from "@/lib/actions/registrations";
import type { ActionResult } from "@/lib/actions/safe-action";

const OPTIONS = [
  { value: "staging", label: "Staging", description: "For development and testing against the staging authorization server. http is allowed for localhost redirect URIs. Recommended to start." },
  { value: "production", label: "Production", description: "For your live integration with real customers. Every URL must use https." },
] as const;

export function NewRegistrationForm() {
  const [environment, setEnvironment] = useState<"staging" | "production">("staging");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => setResult(await createRegistrationAction(null, { environment })));
      }}
    >
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Environment</legend>
        <p className="text-sm text-fg-muted">Fixed once the registration is created.</p>
        {OPTIONS.map((o) => (
          <label key={o.value} className="flex cursor-pointer gap-3 rounded-lg border border-border p-4 has-[:checked]:border-primary has-[:checked]:bg-primary-soft">
            <input type="radio" name="environment" value={o.value} checked={environment === o.value} onChange={() => setEnvironment(o.value)} className="mt-1" />
            <span>
              <span className="block font-medium">{o.label}</span>
              <span className="block text-sm text-fg-muted">{o.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormMessage result={result} />
      <Button type="submit" loading={pending}>
        Create draft
      </Button>
    </form>
  );
}
