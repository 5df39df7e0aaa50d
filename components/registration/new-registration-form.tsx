"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceField } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { usePostForm } from "@/components/forms/use-post-form";
import { createRegistrationAction } from "@/lib/actions/registrations";

const OPTIONS = [
  {
    value: "staging",
    label: "Staging",
    description: "For development and testing against the staging authorization server. http is allowed for localhost redirect URIs. Recommended to start.",
  },
  { value: "production", label: "Production", description: "For your live integration with real customers. Every URL must use https." },
] as const;

export function NewRegistrationForm() {
  const [environment, setEnvironment] = useState<"staging" | "production">("staging");
  const { pending, result, formProps } = usePostForm(createRegistrationAction); // redirects to the new draft
  const error = errorsOf(result, "environment");
  return (
    <form className="space-y-6" {...formProps(() => ({ environment }))}>
      <ChoiceField id="environment" legend="Environment" hint="Fixed once the registration is created." error={error} className="space-y-3">
        {OPTIONS.map((o) => (
          <label
            key={o.value}
            className="flex cursor-pointer gap-3 rounded-lg border border-border p-4 has-[:checked]:border-primary has-[:checked]:bg-primary-soft"
          >
            <input
              type="radio"
              name="environment"
              value={o.value}
              checked={environment === o.value}
              onChange={() => setEnvironment(o.value)}
              className="mt-1"
            />
            <span>
              <span className="block font-medium">{o.label}</span>
              <span className="block text-sm text-fg-muted">{o.description}</span>
            </span>
          </label>
        ))}
      </ChoiceField>
      <FormError result={result} fields={["environment"]} />
      <Button type="submit" loading={pending}>
        Create draft
      </Button>
    </form>
  );
}
