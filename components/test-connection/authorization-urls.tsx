import { CopyButton } from "@/components/ui/copy-button";
import type { ExampleAuthorizationUrl } from "@/lib/test-connection/authorization-urls";

// One ready-made authorization URL per registered redirect URI, each with its own fresh PKCE
// pair and state (made when the page was loaded; reload for new ones).

function Value({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <div className="space-y-1">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="flex items-start gap-2">
        <code className="min-w-0 flex-1 rounded-md bg-surface-muted px-2 py-1 font-mono text-xs break-all">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

export function AuthorizationUrls({ urls }: { urls: ExampleAuthorizationUrl[] }) {
  if (!urls.length) return <p className="text-sm text-fg-muted">The registration has no redirect URIs.</p>;
  return (
    <div className="space-y-4">
      <div className="space-y-2 text-sm">
        <p>
          Open an authorization URL in a browser to start the flow with your own app. Your app must keep the <strong>code_verifier</strong> (never send it in
          the browser) and send it with the token request, together with the code it receives; the server checks that its SHA-256 equals the
          <strong> code_challenge</strong> in the URL.
        </p>
        <p className="text-fg-muted">
          The state is random: your app should check that the callback returns the same value. These values are not stored by the portal and work for one
          attempt each; reload the page for new ones.
        </p>
      </div>
      <ul className="space-y-4">
        {urls.map((u) => (
          <li key={u.redirectUri} className="rounded-lg border border-border p-4">
            <h3 className="text-sm font-semibold break-all">
              Redirect URI: <code className="font-mono font-normal">{u.redirectUri}</code>
            </h3>
            <dl className="mt-3 space-y-3">
              <Value label="Authorization URL" value={u.url} copyLabel={`authorization URL for ${u.redirectUri}`} />
              <Value label="code_verifier (keep this in your app)" value={u.codeVerifier} copyLabel={`code verifier for ${u.redirectUri}`} />
              <Value label="code_challenge (S256, already in the URL)" value={u.codeChallenge} copyLabel={`code challenge for ${u.redirectUri}`} />
              <Value label="state" value={u.state} copyLabel={`state for ${u.redirectUri}`} />
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
