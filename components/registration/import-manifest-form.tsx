"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControl, fieldDescribedBy } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/textarea";
import { usePostForm } from "@/components/forms/use-post-form";
import { importManifestAction } from "@/lib/actions/registrations";

const MAX_BYTES = 64 * 1024;
const FILE_HINT = "A .json file of at most 64 KB.";
const PASTE_HINT = "Or paste it here.";

export function ImportManifestForm() {
  const [manifest, setManifest] = useState("");
  const [fileError, setFileError] = useState<string>();
  const { pending, result, formProps } = usePostForm(importManifestAction); // redirects to the new draft
  const manifestError = errorsOf(result, "manifest");

  return (
    <form className="space-y-4" {...formProps(() => ({ manifest }))}>
      <Field id="manifest-file" label="Manifest file" hint={FILE_HINT} error={fileError}>
        <input
          id="manifest-file"
          aria-describedby={fieldDescribedBy("manifest-file", { hint: FILE_HINT, error: fileError })}
          aria-invalid={fileError ? true : undefined}
          type="file"
          accept="application/json,.json"
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
      <Field id="manifest" label="Manifest JSON" hint={PASTE_HINT} error={manifestError}>
        <Textarea
          {...fieldControl("manifest", { hint: PASTE_HINT, error: manifestError })}
          rows={12}
          className="font-mono text-xs"
          value={manifest}
          onChange={(e) => setManifest(e.target.value)}
          placeholder='{"client_name": "Example Client", "redirect_uris": ["https://client.example/callback"], ...}'
        />
      </Field>
      {/* The manifest's own fields (redirect_uris, client_name…) have no control here: listed in the alert. */}
      <FormError result={result} title="The manifest was not imported" fields={["manifest"]} />
      <Button type="submit" loading={pending} disabled={!manifest.trim()}>
        Import as a new draft
      </Button>
    </form>
  );
}
