import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ExplanationAlert } from "@/components/test-connection/explanation-alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StartTestButton } from "@/components/test-connection/start-test-button";
import { RunStatusBadge, formatDuration } from "@/components/test-connection/status";
import { Timeline } from "@/components/test-connection/timeline";
import { requireOrgMember } from "@/lib/auth/guards";
import { getTestRun, registrationSummary } from "@/lib/db/test-runs";
import { explain } from "@/lib/test-connection/explanations";
import { loadTestConnectionPanel } from "@/lib/test-connection/panel";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Test run" };

const NOTICES = {
  replayed: explain("state_replayed"),
  expired: explain("state_expired"),
} as const;

export default async function TestRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; runId: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { id, runId } = await params;
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  const [registration, run] = await Promise.all([registrationSummary(organizationId, id), getTestRun(organizationId, id, runId)]);
  if (!registration || !run) notFound();
  const [{ notice }, panel] = await Promise.all([searchParams, loadTestConnectionPanel(organizationId, id)]);
  const noticeText = notice === "replayed" || notice === "expired" ? NOTICES[notice] : undefined;
  const name = registration.clientName || "Untitled registration";
  const canRunAgain = panel && !panel.revoked && panel.callbackRegistered;
  const abandoned = run.status === "expired" && !run.steps.some((s) => s.id === "callback") ? explain("abandoned") : undefined;
  const failedStep = run.steps.find((s) => s.status === "failed");

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Test run <RunStatusBadge status={run.status} />
          </span>
        }
        description={
          <>
            <Link href={`/registrations/${id}`} className="underline underline-offset-2">
              {name}
            </Link>{" "}
            · started {utcDateTime(run.createdAt, { seconds: true })} by {run.startedBy}
            {run.completedAt && run.status !== "expired" ? ` · ${formatDuration(run.completedAt.getTime() - run.createdAt.getTime())} in total` : ""}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/registrations/${id}`} className={buttonClasses({ variant: "secondary" })}>
              Back to the registration
            </Link>
            <Link href={`/registrations/${id}/test-runs`} className={buttonClasses({ variant: "ghost" })}>
              All test runs
            </Link>
          </div>
        }
      />
      {noticeText ? (
        <Alert tone="warning" title={notice === "replayed" ? "This callback was already used" : "This run expired"}>
          <p>{noticeText.problem}</p>
          <p className="mt-2">{noticeText.fix}</p>
        </Alert>
      ) : null}
      {run.status === "passed" ? (
        <Alert tone="success" title="The connection works">
          Your client completed the authorization code flow with PKCE: the code was exchanged for tokens
          {run.steps.some((s) => s.id === "api_call" && s.status === "passed") ? ", an API accepted the access token" : ""}
          {run.steps.some((s) => s.id === "refresh" && s.status === "passed") ? " and the refresh token worked" : ""}.
        </Alert>
      ) : null}
      {run.status === "failed" && failedStep ? (
        <Alert tone="danger" title={`Failed at: ${failedStep.title}`}>
          The step below explains what went wrong and how to fix it.
        </Alert>
      ) : null}
      {run.status === "pending" ? (
        <Alert tone="info" title="Waiting for the browser to come back">
          This run is waiting for the authorization server to send the browser back to the portal. It expires at {utcDateTime(run.expiresAt, { seconds: true })}
          .
        </Alert>
      ) : null}
      {abandoned ? <ExplanationAlert tone="warning" title="The browser never came back" explanation={abandoned} /> : null}
      <Card>
        <CardBody>{run.steps.length ? <Timeline steps={run.steps} /> : <p className="text-sm text-fg-muted">No steps were recorded for this run.</p>}</CardBody>
      </Card>
      <section aria-labelledby="again-heading" className="space-y-3">
        <h2 id="again-heading" className="text-lg font-semibold">
          Run again
        </h2>
        {canRunAgain ? (
          <StartTestButton registrationId={id} needsSecret={panel.needsSecret} label="Run again" />
        ) : (
          <p className="text-sm text-fg-muted">
            The test cannot run right now.{" "}
            <Link href={`/registrations/${id}/test-runs`} className="underline underline-offset-2">
              See why on the test runs page
            </Link>
            .
          </p>
        )}
      </section>
    </div>
  );
}
