"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";

/**
 * Uploads the file to the logo route handler (the server checks the content, size and
 * proportions and re-encodes it) and reports the new logo id. The file input is labelled
 * "Logo" so people and tests find it by the field's name.
 */
export function LogoUpload({
  registrationId,
  logoId,
  uploaded,
  onChange,
  onUploaded,
  error,
  hint,
}: {
  registrationId: string;
  logoId: string | null;
  /** logoId is one of the organization's uploads (anything else is never used as an image URL). */
  uploaded: boolean;
  onChange: (logoId: string | null) => void;
  onUploaded: (logoId: string) => void;
  error?: string;
  hint: string;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const notUploaded = logoId && !uploaded ? "The saved logo reference is not one of your organization's uploaded logos: upload the logo again." : undefined;
  const shownError = uploadError ?? error ?? notUploaded;

  async function upload(file: File) {
    setBusy(true);
    setUploadError(undefined);
    try {
      const response = await fetch(`/api/registrations/${registrationId}/logo`, { method: "POST", body: file });
      const body = (await response.json().catch(() => ({}))) as { logo_id?: string; error_description?: string };
      if (!response.ok || !body.logo_id) {
        setUploadError(body.error_description ?? "The logo could not be uploaded. Try again.");
        return;
      }
      onUploaded(body.logo_id);
      onChange(body.logo_id);
      toast("Logo uploaded.", { tone: "success" });
    } catch {
      setUploadError("You seem to be offline. Check your connection and choose the file again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          Logo
        </label>
        <span aria-hidden="true" className="text-sm text-danger">
          *
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <div className="grid size-20 shrink-0 place-items-center overflow-hidden rounded-xl border border-border bg-surface-muted">
          {logoId && uploaded ? (
            // eslint-disable-next-line @next/next/no-img-element -- served by our own route with its own caching
            <img src={`/api/logos/${logoId}`} alt="Current logo" width={80} height={80} className="size-20 object-cover" />
          ) : (
            <span className="text-xs text-fg-muted">No logo</span>
          )}
        </div>
        <div className="space-y-2">
          <input
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={busy}
            aria-describedby={`${id}-hint ${id}-error`}
            aria-invalid={shownError ? true : undefined}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:py-1.5 file:text-sm"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
              e.target.value = "";
            }}
          />
          {busy ? (
            <p className="inline-flex items-center gap-2 text-sm text-fg-muted" role="status">
              <Spinner className="size-4" /> Checking and processing the logo…
            </p>
          ) : null}
          {logoId && !busy ? (
            <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
              Remove logo
            </Button>
          ) : null}
        </div>
      </div>
      <p id={`${id}-hint`} className="text-sm text-fg-muted">
        {hint}
      </p>
      <div id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">
        {shownError}
      </div>
    </div>
  );
}
