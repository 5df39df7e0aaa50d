"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { usePostForm } from "@/components/forms/use-post-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControl } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/textarea";
import { savePolicyAction } from "@/lib/actions/policy";
import type { ScopeGroup } from "@/lib/registration/scopes";

export type PolicyFormProps = {
  version: number;
  enabled: boolean;
  allowedScopes: string[];
  blockingWarnings: string[];
  allowedDomains: string[];
  scopeGroups: ScopeGroup[];
  warningKinds: { id: string; label: string }[];
};

const FIELDS = ["enabled", "allowedScopes", "blockingWarnings", "allowedDomains"] as const;

function Check({
  id,
  checked,
  onChange,
  label,
  hint,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  label: React.ReactNode;
  hint?: string;
}) {
  return (
    <div className="flex gap-2">
      <input
        id={id}
        type="checkbox"
        className="mt-1 size-4 shrink-0 accent-primary"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id} className="text-sm">
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="block text-xs text-fg-muted">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

const toggled = (list: string[], item: string, on: boolean) => (on ? [...new Set([...list, item])] : list.filter((x) => x !== item));

/** The instant-staging policy: on/off and its three conditions. Saving names the version it started from. */
export function PolicyForm(props: PolicyFormProps) {
  const [enabled, setEnabled] = useState(props.enabled);
  const [scopes, setScopes] = useState(props.allowedScopes);
  const [warnings, setWarnings] = useState(props.blockingWarnings);
  const [domains, setDomains] = useState(props.allowedDomains.join("\n"));
  const router = useRouter();
  // Refresh only after a save: on a conflict the form keeps the version it started from, so
  // the admin reloads and sees the other admin's policy before saving over it.
  const { pending, result, formProps } = usePostForm(savePolicyAction, { toast: "Policy saved.", onSuccess: () => router.refresh() });
  const conflict = result && !result.ok && result.code === "conflict";
  const domainErrors = errorsOf(result, "allowedDomains");

  return (
    <form
      className="space-y-6"
      {...formProps(() => ({
        version: props.version,
        enabled,
        allowedScopes: scopes,
        blockingWarnings: warnings,
        allowedDomains: domains.split(/[\s,]+/).filter(Boolean),
      }))}
    >
      <fieldset className="space-y-2 rounded-lg border border-border p-4">
        <legend className="px-1 text-base font-semibold">Auto-approval</legend>
        <Check
          id="policy-enabled"
          checked={enabled}
          onChange={setEnabled}
          label={<span className="font-medium">Approve Staging submissions that pass every condition below at once</span>}
          hint="Production submissions always go to a person, whatever this says. Submissions that fail a condition go to the queue as usual, and the partner is told which one."
        />
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-border p-4" aria-describedby="policy-scopes-hint">
        <legend className="px-1 text-base font-semibold">Scopes allowed without a person</legend>
        <p id="policy-scopes-hint" className="text-sm text-fg-muted">
          Every scope a submission requests must be ticked here. {scopes.length} of {props.scopeGroups.flatMap((g) => g.scopes).length} ticked.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setScopes(props.scopeGroups.flatMap((g) => g.scopes.map((s) => s.name)).filter((s) => s.endsWith(":read")))}
          >
            Read scopes only
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setScopes([])}>
            Clear all
          </Button>
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {props.scopeGroups.map((group) => (
            <fieldset key={group.api} className="space-y-2 rounded-md border border-border p-3">
              <legend className="px-1 text-sm font-semibold">{group.api}</legend>
              {group.scopes.map((scope) => (
                <Check
                  key={scope.name}
                  id={`scope-${scope.name}`}
                  checked={scopes.includes(scope.name)}
                  onChange={(on) => setScopes((list) => toggled(list, scope.name, on))}
                  label={<code className="font-mono text-sm">{scope.name}</code>}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-border p-4">
        <legend className="px-1 text-base font-semibold">Review warnings that need a person</legend>
        <p className="text-sm text-fg-muted">A submission with a ticked warning goes to the queue. Unticked warnings are still shown to reviewers later.</p>
        {props.warningKinds.map((w) => (
          <Check
            key={w.id}
            id={`warning-${w.id}`}
            checked={warnings.includes(w.id)}
            onChange={(on) => setWarnings((list) => toggled(list, w.id, on))}
            label={w.label}
          />
        ))}
        <p className="text-sm text-fg-muted">Validation errors always need a person.</p>
      </fieldset>

      <Field
        id="policy-domains"
        label="Other domains allowed"
        error={domainErrors}
        hint="Contacts' e-mail domains and redirect URI hosts must belong to the Client URI's domain, or to one of these (one per line, e.g. partner-hosting.example). Postman's callbacks, loopback addresses and this portal's Test connection callback are always allowed on Staging."
      >
        <Textarea
          {...fieldControl("policy-domains", { error: domainErrors, hint: true })}
          rows={4}
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          spellCheck={false}
          className="font-mono"
        />
      </Field>

      <FormError result={result} fields={FIELDS} title={conflict ? "Not saved: the policy changed meanwhile" : undefined} />
      {conflict ? (
        <Button variant="secondary" onClick={() => window.location.reload()}>
          Reload the current policy
        </Button>
      ) : null}
      <Button type="submit" loading={pending}>
        Save policy
      </Button>
    </form>
  );
}
