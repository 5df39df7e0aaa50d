import type { Environment } from "@/lib/registration/fields";
import { checkLogoId } from "@/lib/registration/rules";
import { scopeDescription } from "@/lib/registration/scopes";
import { linkableUrl } from "@/lib/registration/urls";

/**
 * What end users see when the client asks for access: logo, name, the requested scopes in
 * plain language and links to the legal documents. Presentational only, so the wizard, the
 * admin review and the authorization server's consent page can all render it. Stored drafts
 * keep whatever was typed, so an address becomes a link only if it passes the field's rules,
 * and a logo an image only if the caller confirmed it is one of the organization's uploads.
 */
/** What the consent screen shows of a registration (logoId is the logo reference as stored). */
export type ConsentFields = { clientName: string; logoId: string | null; tosUri: string; policyUri: string; scopes: string[] };

export function ConsentPreview({
  shown,
  logoUploaded,
  environment,
  brand,
  preview = true,
}: {
  shown: ConsentFields;
  /** The server checked that logoId is a logo the registration's organization uploaded. */
  logoUploaded: boolean;
  environment: Environment;
  brand: string;
  preview?: boolean;
}) {
  const { clientName, logoId, tosUri, policyUri, scopes } = shown;
  const name = clientName.trim() || "Your app";
  const logoSrc = logoId && logoUploaded && !checkLogoId(logoId) ? `/api/logos/${logoId}` : null;
  const logoRefused = Boolean(logoId?.trim()) && !logoSrc;
  return (
    <figure className="mx-auto w-full max-w-sm" aria-label={preview ? "Consent screen preview" : undefined}>
      <div className="rounded-2xl border border-border bg-surface p-6 shadow-sm">
        <div className="flex items-center justify-center gap-3">
          <div className="grid size-14 place-items-center overflow-hidden rounded-xl border border-border bg-surface-muted">
            {logoSrc ? (
              // eslint-disable-next-line @next/next/no-img-element -- the logo is served by our own route
              <img src={logoSrc} alt={`${name} logo`} width={56} height={56} className="size-14 object-cover" />
            ) : (
              <span className="text-xs text-fg-muted">Logo</span>
            )}
          </div>
          <span aria-hidden="true" className="text-fg-muted">
            ⇄
          </span>
          <div className="grid size-14 place-items-center rounded-xl bg-primary text-lg font-semibold text-primary-fg" aria-hidden="true">
            {brand.slice(0, 1)}
          </div>
        </div>
        <p className="mt-4 text-center text-base font-semibold">
          {name} wants to access your {brand} account
        </p>
        <p className="mt-1 text-center text-sm text-fg-muted">It will be able to:</p>
        <ul className="mt-3 space-y-2 text-sm">
          {scopes.length ? (
            scopes.map((s) => (
              <li key={s} className="flex gap-2">
                <span aria-hidden="true" className="text-success">
                  ✓
                </span>
                <span>
                  {scopeDescription(s) ?? s} <code className="font-mono text-xs text-fg-muted">({s})</code>
                </span>
              </li>
            ))
          ) : (
            <li className="text-fg-muted">No scopes chosen yet.</li>
          )}
        </ul>
        <p className="mt-4 text-xs text-fg-muted">
          By allowing access you agree to {name}&apos;s <LegalLink label="Terms of Service" value={tosUri} environment={environment} /> and{" "}
          <LegalLink label="Privacy Policy" value={policyUri} environment={environment} />.
        </p>
        {preview && logoRefused ? (
          <p className="mt-2 text-xs text-fg-muted">
            The logo is not shown: the stored reference is not one of the organization&apos;s uploaded logos. Upload the logo again.
          </p>
        ) : null}
        {preview ? (
          <div className="mt-5 grid grid-cols-2 gap-2" aria-hidden="true">
            <span className="rounded-md border border-border-strong px-3 py-2 text-center text-sm">Cancel</span>
            <span className="rounded-md bg-primary px-3 py-2 text-center text-sm font-medium text-primary-fg">Allow</span>
          </div>
        ) : null}
      </div>
      {preview ? <figcaption className="mt-2 text-center text-xs text-fg-muted">Preview: what your users see when your app asks for access.</figcaption> : null}
    </figure>
  );
}

/** A link only for an address that passes the rules; anything else is plain text, marked. */
function LegalLink({ label, value, environment }: { label: string; value: string; environment: Environment }) {
  const href = linkableUrl(value, environment);
  if (href)
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className="underline">
        {label}
      </a>
    );
  const shown = value.trim();
  if (!shown) return <>{label}</>;
  return (
    <>
      {label} <span className="break-all">(not linked: &ldquo;{shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}&rdquo; is not a valid address)</span>
    </>
  );
}
