"use client";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { SCOPE_CATALOGUE, searchScopes } from "@/lib/registration/scopes";

/** Scopes grouped by API, searchable, as checkboxes named by the scope itself. */
export function ScopePicker({
  value,
  onChange,
  onBlur,
  error,
  hint,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  onBlur: () => void;
  error?: string;
  hint: string;
}) {
  const [query, setQuery] = useState("");
  const base = useId();
  const groups = query.trim() ? searchScopes(query) : SCOPE_CATALOGUE;
  const toggle = (scope: string, on: boolean) => onChange(on ? [...value, scope].filter((s, i, a) => a.indexOf(s) === i) : value.filter((s) => s !== scope));
  return (
    <fieldset className="space-y-3" aria-describedby={`${base}-hint ${base}-error`} onBlur={onBlur}>
      <legend className="text-sm font-medium">
        Scopes{" "}
        <span aria-hidden="true" className="text-danger">
          *
        </span>
      </legend>
      <p id={`${base}-hint`} className="text-sm text-fg-muted">
        {hint} {value.length ? `${value.length} selected: ${value.join(", ")}.` : "None selected yet."}
      </p>
      <div className="max-w-sm">
        <label htmlFor={`${base}-search`} className="sr-only">
          Search scopes
        </label>
        <Input id={`${base}-search`} type="search" placeholder="Search scopes, e.g. export" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {groups.map((group) => (
          <fieldset key={group.api} className="rounded-lg border border-border p-3">
            <legend className="px-1 text-sm font-semibold">{group.api}</legend>
            <p className="mb-2 text-xs text-fg-muted">{group.description}</p>
            <ul className="space-y-2">
              {group.scopes.map((scope) => {
                const id = `${base}-${scope.name}`;
                return (
                  <li key={scope.name} className="flex gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-1 size-4 accent-primary"
                      checked={value.includes(scope.name)}
                      onChange={(e) => toggle(scope.name, e.target.checked)}
                      aria-describedby={`${id}-desc`}
                    />
                    <label htmlFor={id} className="text-sm">
                      <code className="font-mono text-sm font-medium">{scope.name}</code>
                      <span id={`${id}-desc`} className="block text-xs text-fg-muted">
                        {scope.description}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
        {groups.length === 0 ? <p className="text-sm text-fg-muted">No scope matches “{query}”.</p> : null}
      </div>
      <div id={`${base}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">
        {error}
      </div>
    </fieldset>
  );
}
