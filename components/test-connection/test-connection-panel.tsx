import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PendingLabel } from "@/components/ui/pending-label";
import { env } from "@/lib/env";
import { TEST_CONNECTION_CALLBACK_PATH } from "@/lib/registration/fields";
import type { TestConnectionPanelProps } from "@/lib/test-connection/panel";
import { compareRedirectUri } from "@/lib/test-connection/redirect-compare";
import { RedirectComparison } from "./redirect-comparison";
import { StartTestButton } from "./start-test-button";
import { RunStatusBadge } from "./status";
import { utcDateTime } from "@/lib/text/utc-time";

// The Test connection card on a registration's status page (server component). Data:
// loadTestConnectionPanel(organizationId, registrationId) in lib/test-connection/panel.ts.

export function TestConnectionPanel({ registrationId, callbackRegistered, needsSecret, revoked, registeredRedirectUris, latestRun }: TestConnectionPanelProps) {
  const callbackUri = `${env().appUrl}${TEST_CONNECTION_CALLBACK_PATH}`;
  const base = `/registrations/${registrationId}/test-runs`;
  return (
    <Card>
      <CardHeader
        title="Test connection"
        titleId="test-connection-heading"
        description="Runs the real OAuth 2.0 authorization code flow with PKCE using your client, and shows every request and response with secrets hidden."
      />
      <CardBody className="space-y-4">
        {revoked ? (
          <Alert tone="warning" title="This client was revoked">
            A revoked client can no longer sign anyone in, so there is nothing to test. Earlier test runs stay readable.
          </Alert>
        ) : !callbackRegistered ? (
          <CallbackMissing callbackUri={callbackUri} registrationId={registrationId} registeredRedirectUris={registeredRedirectUris} />
        ) : (
          <div className="space-y-2">
            <p className="text-sm text-fg-muted">
              You will sign in to the sandbox and approve the request, as your users would; the portal then exchanges the code, calls an API and refreshes the
              token.
            </p>
            <StartTestButton registrationId={registrationId} needsSecret={needsSecret} />
          </div>
        )}
        {latestRun ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-fg-muted">Latest run:</span>
            <RunStatusBadge status={latestRun.status} />
            <Link href={`${base}/${latestRun.id}`} className="underline underline-offset-2">
              <PendingLabel>
                {utcDateTime(latestRun.createdAt, { seconds: true })} by {latestRun.startedBy}
              </PendingLabel>
            </Link>
          </p>
        ) : null}
        <nav aria-label="Test connection" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href={base} className="underline underline-offset-2">
            <PendingLabel>All test runs</PendingLabel>
          </Link>
          <Link href={`${base}/tools`} className="underline underline-offset-2">
            Authorization URLs and Postman
          </Link>
        </nav>
      </CardBody>
    </Card>
  );
}

export function CallbackMissing({
  callbackUri,
  registrationId,
  registeredRedirectUris,
}: {
  callbackUri: string;
  registrationId: string;
  registeredRedirectUris?: string[];
}) {
  return (
    <Alert tone="info" title="Add this portal's callback to run the test">
      <div className="space-y-3">
        <p>
          The authorization server only sends the browser back to a registered redirect URI, matched character for character. Add this one (it is used only for
          Test connection):
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded-md bg-surface px-2 py-1 font-mono text-sm break-all">{callbackUri}</code>
          <CopyButton value={callbackUri} label="Test connection callback URI" />
        </div>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            On the{" "}
            <Link href={`/registrations/${registrationId}`} className="underline underline-offset-2">
              registration page
            </Link>
            , choose Edit (a new revision is created).
          </li>
          <li>On the Technical step, under Redirect URIs, press &ldquo;This portal&apos;s Test connection&rdquo; (or paste the address above).</li>
          <li>Submit the registration. Once the new revision is approved, the test is available here.</li>
        </ol>
        {registeredRedirectUris ? (
          <details>
            <summary className="cursor-pointer font-medium">Compare with the registered redirect URIs</summary>
            <div className="mt-2">
              <RedirectComparison comparison={compareRedirectUri(callbackUri, registeredRedirectUris)} />
            </div>
          </details>
        ) : null}
      </div>
    </Alert>
  );
}
