import Link from "next/link";
import { notFound } from "next/navigation";
import { ExplanationAlert } from "@/components/test-connection/explanation-alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PendingLabel } from "@/components/ui/pending-label";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { CallbackMissing } from "@/components/test-connection/test-connection-panel";
import { StartTestButton } from "@/components/test-connection/start-test-button";
import { RunStatusBadge, formatDuration } from "@/components/test-connection/status";
import { requireOrgMember } from "@/lib/auth/guards";
import { expireStaleRuns, listTestRuns, registrationSummary } from "@/lib/db/test-runs";
import { env } from "@/lib/env";
import { TEST_CONNECTION_CALLBACK_PATH } from "@/lib/registration/fields";
import { explain, isProblemCode } from "@/lib/test-connection/explanations";
import { loadTestConnectionPanel } from "@/lib/test-connection/panel";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Test runs" };

export default async function TestRunsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ problem?: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  const registration = await registrationSummary(organizationId, id);
  if (!registration) notFound();
  await expireStaleRuns();
  const [{ problem }, panel, runs] = await Promise.all([searchParams, loadTestConnectionPanel(organizationId, id), listTestRuns(organizationId, id)]);
  const refused = problem && isProblemCode(problem) && problem !== "callback_not_registered" ? explain(problem) : undefined;
  const name = registration.clientName || "Untitled registration";

  return (
    <div className="space-y-6">
      <PageHeader
        title="Test runs"
        description={
          <>
            Test connection runs of{" "}
            <Link href={`/registrations/${id}`} className="underline underline-offset-2">
              {name}
            </Link>
            , newest first.
          </>
        }
        actions={
          <Link href={`/registrations/${id}/test-runs/tools`} className="text-sm underline underline-offset-2">
            Authorization URLs and Postman
          </Link>
        }
      />
      {refused ? <ExplanationAlert tone="danger" title="The test could not be started" explanation={refused} /> : null}
      <Card>
        <CardHeader title="Start a test" level={2} />
        <CardBody>
          {!panel ? (
            <p className="text-sm text-fg-muted">
              This registration has no client yet. Test connection is available once a revision is approved and the client is issued.
            </p>
          ) : panel.revoked ? (
            <p className="text-sm text-fg-muted">This client was revoked, so it cannot be tested. Earlier runs stay readable below.</p>
          ) : panel.callbackRegistered ? (
            <StartTestButton registrationId={id} needsSecret={panel.needsSecret} />
          ) : (
            <CallbackMissing
              callbackUri={`${env().appUrl}${TEST_CONNECTION_CALLBACK_PATH}`}
              registrationId={id}
              registeredRedirectUris={panel.registeredRedirectUris}
            />
          )}
        </CardBody>
      </Card>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {runs.length ? (
          <Table label="Test runs">
            <THead>
              <tr>
                <TH>Result</TH>
                <TH>Started</TH>
                <TH>By</TH>
                <TH>Duration</TH>
                <TH>
                  <span className="sr-only">Details</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {runs.map((run) => (
                <TR key={run.id}>
                  <TD>
                    <RunStatusBadge status={run.status} />
                  </TD>
                  <TD className="whitespace-nowrap">{utcDateTime(run.createdAt, { seconds: true })}</TD>
                  <TD>{run.startedBy}</TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    {run.completedAt && run.status !== "expired" ? formatDuration(run.completedAt.getTime() - run.createdAt.getTime()) : "—"}
                  </TD>
                  <TD>
                    <Link href={`/registrations/${id}/test-runs/${run.id}`} className="underline underline-offset-2">
                      <PendingLabel>
                        View<span className="sr-only"> the run of {utcDateTime(run.createdAt, { seconds: true })}</span>
                      </PendingLabel>
                    </Link>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState level={3} title="No test runs yet" description="Start a test above: each run appears here with every step it went through." />
        )}
      </section>
    </div>
  );
}
