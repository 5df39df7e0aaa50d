"use client";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { importManifestAction } from "@/lib/actions/registrations";
import type { ActionResult } from "@/lib/actions/safe-action";

const MAX_BYTES = 64 * 1024;

export function ImportManifestForm() {
  const [manifest, setManifest] = useState("");
  const [fileError, setFileError] = useState<string>();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldErrors = result && !result.ok ? Object.entries(result.fieldErrors ?? {}).filter(([k]) => k !== "manifest") : [];
  const manifestError = result && !result.ok ? result.fieldErrors?.manifest?.[0] : undefined;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => setResult(await importManifestAction(null, { manifest })));
      }}
    >
      <Field id="manifest-file" label="Manifest file" hint="A .json file of at most 64 KB." error={fileError}>
        <input
          id="manifest-file"
          type="file"
          accept="application/json,.json"
          aria-describedby={fieldDescribedBy("manifest-file", { hint: "x", error: fileError })}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setFileError(undefined);
            if (!file) return;
            if (file.size > MAX_BYTES) {
              setFileError(`This file is ${Math.ceil(file.size / 1024)} KB; manifests are at most 64 KB.`);
              return;
            }
            setManifest(await file.text());
          }}
        />
      </Field>
      <Field id="manifest" label="Manifest JSON" hint="Or paste it here." error={manifestError}>
        <Textarea
          id="manifest"
          rows={12}
          className="font-mono text-xs"
          value={manifest}
          invalid={Boolean(manifestError)}
          aria-describedby={fieldDescribedBy("manifest", { hint: "x", error: manifestError })}
          onChange={(e) => setManifest(e.target.value)}
          placeholder='{"client_name": "Example Client", "redirect_uris": ["https://client.example/callback"], ...}'
        />
      </Field>
      {result && !result.ok ? (
        <Alert tone="danger" title="The manifest was not imported">
          <p>{result.error}</p>
          {fieldErrors.length ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {fieldErrors.map(([field, messages]) => (
                <li key={field}>
                  <code className="font-mono text-xs">{field}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <Button type="submit" loading={pending} disabled={!manifest.trim()}>
        Import as a new draft
      </Button>
    </form>
  );
}
