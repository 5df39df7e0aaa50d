import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AuthorizationUrls } from "@/components/test-connection/authorization-urls";
import { requireOrgMember } from "@/lib/auth/guards";
import { registrationSummary } from "@/lib/db/test-runs";
import { getClientCredentials } from "@/lib/db/credentials";
import { POSTMAN_DESKTOP_CALLBACK } from "@/lib/registration/fields";
import { buildExampleAuthorizationUrls } from "@/lib/test-connection/authorization-urls";
import { endpointsFor } from "@/lib/test-connection/endpoints";

export const metadata = { title: "Authorization URLs and Postman" };

export default async function TestToolsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  const [registration, credentials] = await Promise.all([registrationSummary(organizationId, id), getClientCredentials(organizationId, id)]);
  if (!registration) notFound();
  const name = registration.clientName || "Untitled registration";
  const header = (
    <PageHeader
      title="Authorization URLs and Postman"
      description={
        <>
          Try the OAuth 2.0 flow of{" "}
          <Link href={`/registrations/${id}`} className="underline underline-offset-2">
            {name}
          </Link>{" "}
          with your own app or with Postman.
        </>
      }
      actions={
        <Link href={`/registrations/${id}/test-runs`} className={buttonClasses({ variant: "secondary" })}>
          Test runs
        </Link>
      }
    />
  );
  if (!credentials) {
    return (
      <div className="space-y-6">
        {header}
        <Alert tone="info" title="No client yet">
          These tools are available once a revision is approved and the client is issued.
        </Alert>
      </div>
    );
  }
  const endpoints = await endpointsFor(credentials.issuer, credentials.clientId);
  const urls = await buildExampleAuthorizationUrls({
    authorizationEndpoint: endpoints.authorizationEndpoint,
    clientId: credentials.clientId,
    redirectUris: credentials.redirectUris,
    scopes: credentials.scopes,
  });
  const postmanRegistered = credentials.redirectUris.includes(POSTMAN_DESKTOP_CALLBACK);
  const confidential = credentials.tokenEndpointAuthMethod === "client_secret_basic";

  return (
    <div className="space-y-6">
      {header}
      {credentials.revoked ? (
        <Alert tone="warning" title="This client was revoked">
          The server no longer accepts it: these URLs will fail.
        </Alert>
      ) : null}
      {!endpoints.discovered ? (
        <Alert tone="warning" title="The authorization server did not answer">
          The endpoints below are the platform&apos;s published ones ({endpoints.authorizationEndpoint}), not read from the server.
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Authorization URLs" description={`Client ID ${credentials.clientId} · authorization endpoint ${endpoints.authorizationEndpoint}`} />
        <CardBody>
          <AuthorizationUrls urls={urls} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Open in Postman"
          description="A collection set up for the authorization code flow with PKCE, and an environment with your client's values."
        />
        <CardBody className="space-y-3 text-sm">
          <ol className="list-decimal space-y-1 pl-5">
            <li>Download both files and import them in Postman (File → Import).</li>
            <li>
              Select the environment.
              {confidential
                ? " Paste your client secret into its client_secret variable: the files never contain it."
                : " This is a public client: no secret is needed."}
            </li>
            <li>
              On the collection&apos;s Authorization tab, press Get New Access Token. Postman sends the client secret as a Basic Auth header and handles PKCE
              for you.
            </li>
          </ol>
          {!postmanRegistered ? (
            <Alert tone="warning" title="Postman's callback is not registered">
              Postman returns to <code className="font-mono">{POSTMAN_DESKTOP_CALLBACK}</code>. Add it on the Technical step (&ldquo;Postman (desktop
              app)&rdquo;) and submit the registration, or the server will refuse the request.
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <a href={`/api/registrations/${id}/postman?kind=collection`} download className={buttonClasses({ variant: "primary" })}>
              Download collection
            </a>
            <a href={`/api/registrations/${id}/postman?kind=environment`} download className={buttonClasses({ variant: "secondary" })}>
              Download environment
            </a>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
