import { scopeDescription } from "@/lib/registration/scopes";

/**
 * What end users see when the client asks for access: logo, name, the requested scopes in
 * plain language and links to the legal documents. Presentational only, so the wizard, the
 * admin review and the authorization server's consent page can all render it.
 */
export function ConsentPreview({ clientName, logoUrl, tosUri, policyUri, scopes, brand, preview = true }: {
  clientName: string;
  logoUrl: string | null;
  tosUri: string;
  policyUri: string;
  scopes: string[];
  brand: string;
  preview?: boolean;
}) {
  const name = clientName.trim() || "Your app";
  return (
    <figure className="mx-auto w-full max-w-sm" aria-label={preview ? "Consent screen preview" : undefined}>
      <div className="rounded-2xl border border-border bg-surface p-6 shadow-sm">
        <div className="flex items-center justify-center gap-3">
          <div className="grid size-14 place-items-center overflow-hidden rounded-xl border border-border bg-surface-muted">
            {/* eslint-disable-next-line @next/next/no-img-element -- the logo is served by our own route */}
            {logoUrl ? <img src={logoUrl} alt={`${name} logo`} width={56} height={56} className="size-14 object-cover" /> : <span className="text-xs text-fg-muted">Logo</span>}
          </div>
          <span aria-hidden="true" className="text-fg-muted">⇄</span>
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
                <span aria-hidden="true" className="text-success">✓</span>
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
          By allowing access you agree to {name}&apos;s{" "}
          {tosUri ? <a href={tosUri} target="_blank" rel="noopener noreferrer" className="underline">Terms of Service</a> : "Terms of Service"} and{" "}
          {policyUri ? <a href={policyUri} target="_blank" rel="noopener noreferrer" className="underline">Privacy Policy</a> : "Privacy Policy"}.
        </p>
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
