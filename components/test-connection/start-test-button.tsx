"use client";

import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// A plain form posting to /api/test-connection/start (works without JavaScript: the server
// answers 303 to the authorization server). With JavaScript it posts JSON instead, shows a
// spinner until the browser has left, and shows refusals in place.

const SECRET_HINT = "This client's secret is not stored in the portal. It is kept encrypted for this one run and deleted when the run ends.";

type StartResponse = { authorization_url?: string; timeline_url?: string; error?: string; error_description?: string; fix?: string };

export function StartTestButton({ registrationId, needsSecret, label = "Test connection" }: { registrationId: string; needsSecret: boolean; label?: string }) {
  const id = useId();
  const secretId = `${id}-secret`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fix?: string }>();
  const [secretError, setSecretError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const secret = String(form.get("secret") ?? "").trim();
    setError(undefined);
    setSecretError(undefined);
    if (needsSecret && !secret) {
      setSecretError("Enter the client secret to use for this test.");
      return;
    }
    setBusy(true);
    try {
      const response = await fetch("/api/test-connection/start", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ registration_id: registrationId, ...(needsSecret ? { secret } : {}) }),
      });
      const body = (await response.json().catch(() => ({}))) as StartResponse;
      const next = body.authorization_url ?? body.timeline_url;
      if (response.ok && next) {
        window.location.assign(next); // keep the spinner: the page is leaving
        return;
      }
      if (response.status === 401) setError({ message: "Your session has ended. Sign in again, then start the test." });
      else setError({ message: body.error_description ?? "The test could not be started. Please try again.", fix: body.fix });
    } catch {
      setError({ message: "The portal could not be reached. Check your connection and try again." });
    }
    setBusy(false);
  }

  return (
    <form method="post" action="/api/test-connection/start" onSubmit={onSubmit} className="space-y-3" aria-busy={busy || undefined}>
      <input type="hidden" name="registration_id" value={registrationId} />
      {needsSecret ? (
        <Field id={secretId} label="Client secret for this test" hint={SECRET_HINT} error={secretError} required>
          <Input
            {...fieldControl(secretId, { hint: SECRET_HINT, error: secretError })}
            name="secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            className="font-mono"
          />
        </Field>
      ) : null}
      <Button type="submit" loading={busy}>
        {busy ? "Redirecting to the authorization server…" : label}
      </Button>
      <div aria-live="polite">
        {error ? (
          <Alert tone="danger" title={error.message}>
            {error.fix ? <p>{error.fix}</p> : null}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
