import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { ConsentPreview } from "@/components/registration/consent-preview";
import { ENVIRONMENT_LABEL, STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { AdminNav } from "@/components/review/admin-nav";
import { ChecksPanel } from "@/components/review/checks-panel";
import { CommentsList } from "@/components/review/comments-list";
import { DiffView } from "@/components/review/diff-view";
import { RegistrationFields } from "@/components/review/registration-fields";
import { ClaimButton, CommentForm, DecisionForm } from "@/components/review/review-actions";
import { RevokeClient } from "@/components/credentials/credential-controls";
import { LinkClientForm } from "@/components/review/link-client-form";
import { SpotCheckButton } from "@/components/review/spot-check-button";
import { readPolicyHold } from "@/lib/db/policy";
import { requireAdmin } from "@/lib/auth/guards";
import { issuerFor } from "@/lib/oauth/issuers";
import { getLogoMeta } from "@/lib/db/logos";
import { getTestRun } from "@/lib/db/test-runs";
import { Timeline } from "@/components/test-connection/timeline";
import { getRegistrationForReview } from "@/lib/db/queue";
import { approvedData as approvedOf, fromDbEnvironment, latestPassingRun } from "@/lib/db/registrations";
import { changedTechnicalFields, READINESS_DAYS, READINESS_MS } from "@/lib/registration/promotion";
import { env } from "@/lib/env";
import { FIELD_LABELS, portalCallbackUri } from "@/lib/registration/fields";
import { unreadableNotice } from "@/lib/registration/stored";
import { reviewChecks } from "@/lib/review/checks";
import { diffRevisions, reviewBaseline } from "@/lib/review/diff";
import { allowedActions } from "@/lib/review/state-machine";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Review registration" };

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ revision?: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  const registration = await getRegistrationForReview(id);
  if (!registration || registration.revisions.length === 0) notFound();
  const { revision: wanted } = await searchParams;
  const latest = registration.revisions[0]!;
  const current = registration.revisions.find((r) => String(r.number) === wanted) ?? latest;
  const isLatest = current.number === latest.number;
  const data = current.data;
  const notice = unreadableNotice(current.unreadable);
  const logoUploaded = Boolean(data.logoId && (await getLogoMeta(registration.organization.id, data.logoId)));
  const environment = fromDbEnvironment(registration.environment);
  // A Production registration prepared from Staging: until its first approval, reviewers compare
  // with the approved Staging configuration, so they look at what changed on the way.
  const stagingId = registration.promotedFrom?.id;
  const [staging, stagingRun] = stagingId ? await Promise.all([approvedOf(stagingId), latestPassingRun(stagingId, READINESS_MS)]) : [null, null];
  // The run's own timeline, read-only here: partners open it at /registrations/…/test-runs/….
  const stagingTimeline = stagingId && stagingRun ? await getTestRun(registration.organization.id, stagingId, stagingRun.id) : null;
  const baseline = reviewBaseline(registration.revisions, current.number, staging);
  const checks = reviewChecks(data, {
    environment,
    brand: env().brandName,
    approved: baseline && baseline.kind !== "previous" ? baseline.data : undefined,
    portalCallback: portalCallbackUri(env().appUrl),
  });
  const retuned = baseline?.kind === "staging" ? changedTechnicalFields(baseline.data, data) : [];
  if (retuned.length) {
    checks.push({
      level: "warning",
      field: retuned[0],
      message: `Technical fields changed since the Staging configuration that passed Test connection: ${retuned.map((f) => FIELD_LABELS[f]).join(", ")}.`,
    });
  }
  const claimant = current.claimedBy;
  const mine = claimant?.id === admin.id;
  const allowed = allowedActions(current.status, { kind: "admin", userId: admin.id }, claimant?.id ?? null);
  const held = current.status === "SUBMITTED" || current.status === "IN_REVIEW" ? readPolicyHold(current.policyHold) : [];
  // A policy approval has a decision time and no person (decidedById stays null).
  const byPolicy = current.status === "APPROVED" && !current.decidedBy && current.decidedAt;

  return (
    <div className="space-y-6">
      <AdminNav current="queue" />
      <PageHeader
        title={registration.clientName || "Untitled registration"}
        description={
          <>
            {registration.organization.name} · {ENVIRONMENT_LABEL[registration.environment]} · revision {current.number}
            {current.submittedAt ? ` submitted ${utcDateTime(current.submittedAt)}` : ""}
            {current.submittedBy ? ` by ${current.submittedBy.name}` : ""}
          </>
        }
        actions={
          <Link href="/admin" className="text-sm text-primary underline underline-offset-4">
            Back to the queue
          </Link>
        }
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge tone={STATUS_TONE[current.status]} aria-label={`Status: ${STATUS_LABEL[current.status]}`}>
          {STATUS_LABEL[current.status]}
        </Badge>
        {current.status === "IN_REVIEW" && claimant ? (
          <span>
            In review by <strong>{mine ? "you" : claimant.name}</strong>
          </span>
        ) : null}
        <span className="inline-flex items-center gap-2 text-fg-muted">
          Registration ID <code className="font-mono text-xs">{registration.id}</code>
          <CopyButton value={registration.id} label="registration ID" />
        </span>
      </div>
      {!isLatest ? (
        <Alert tone="info">
          You are looking at revision {current.number}; the latest is{" "}
          <Link className="underline" href={`/admin/registrations/${id}`}>
            revision {latest.number}
          </Link>
          . Older revisions are read-only.
        </Alert>
      ) : null}
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {held.length ? (
        <Alert tone="warning" title="The instant-staging policy sent this submission to a person">
          <ul className="list-disc space-y-1 pl-5">
            {held.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {registration.autoApprovedAt ? (
        <Alert tone="info" title="Approved by the instant-staging policy">
          <div className="space-y-3">
            <p>
              The live configuration was approved automatically on {utcDateTime(registration.autoApprovedAt)}: it passed every check of the policy (the audit
              log keeps the results).{" "}
              {registration.spotCheckedAt ? `An admin spot-checked it on ${utcDateTime(registration.spotCheckedAt)}.` : "Nobody has spot-checked it yet."}
            </p>
            {registration.spotCheckedAt ? null : <SpotCheckButton registrationId={id} />}
          </div>
        </Alert>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Automated checks" description="The validation rules as they stand today, and things worth a second look." />
            <CardBody>
              <ChecksPanel checks={checks} />
            </CardBody>
          </Card>
          {registration.promotedFrom ? (
            <Card>
              <CardHeader title="Staging registration" description="This Production registration was prepared from it." />
              <CardBody className="space-y-2 text-sm break-words">
                <p>
                  <Link className="text-primary underline underline-offset-2" href={`/admin/registrations/${registration.promotedFrom.id}`}>
                    {registration.promotedFrom.clientName || "Untitled registration"} (Staging)
                  </Link>
                </p>
                <p data-testid="staging-run">
                  {stagingRun?.completedAt
                    ? `Test connection passed on ${utcDateTime(stagingRun.completedAt)} (run ${stagingRun.id}).`
                    : `No passing Test connection in the last ${READINESS_DAYS} days.`}
                </p>
                {stagingTimeline?.steps.length ? (
                  <details>
                    <summary className="cursor-pointer text-primary underline underline-offset-2">Timeline of that run</summary>
                    <div className="mt-4">
                      <Timeline steps={stagingTimeline.steps} />
                    </div>
                  </details>
                ) : null}
              </CardBody>
            </Card>
          ) : null}
          {baseline ? (
            <Card role="region" aria-labelledby="review-diff-title">
              <CardHeader
                titleId="review-diff-title"
                title={
                  baseline.kind === "staging"
                    ? `Changes since approved Staging revision ${baseline.number}`
                    : `Changes since ${baseline.kind === "approved" ? "approved " : ""}revision ${baseline.number}`
                }
                description={
                  baseline.kind === "staging"
                    ? "The first Production revision, compared with the Staging configuration it was prepared from."
                    : baseline.kind === "approved"
                      ? "What is live now, compared with this revision."
                      : `Revision ${baseline.number} was ${STATUS_LABEL[baseline.status as keyof typeof STATUS_LABEL]?.toLowerCase()}; this is what changed since.`
                }
              />
              <CardBody>
                <DiffView diff={diffRevisions(baseline.data, data)} againstNumber={baseline.number} />
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Registration" />
            <CardBody>
              <RegistrationFields data={data} environment={environment} logoUploaded={logoUploaded} comments={current.comments} />
            </CardBody>
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {isLatest ? (
            <Card>
              <CardHeader title="Decision" />
              <CardBody>
                {allowed.includes("claim") ? (
                  <div className="space-y-3">
                    <p className="text-sm text-fg-muted">Claim this revision so no other admin acts on it at the same time.</p>
                    <ClaimButton registrationId={id} revision={current.number} />
                  </div>
                ) : allowed.includes("approve") ? (
                  <DecisionForm registrationId={id} revision={current.number} />
                ) : allowed.includes("take_over") ? (
                  <div className="space-y-3">
                    <p className="text-sm">
                      {claimant?.name ?? "Another admin"} is reviewing this revision{current.claimedAt ? ` since ${utcDateTime(current.claimedAt)}` : ""}.
                    </p>
                    <ClaimButton registrationId={id} revision={current.number} takeOverFrom={claimant?.name ?? "another admin"} />
                  </div>
                ) : (
                  <div className="space-y-2 text-sm">
                    <p>
                      {STATUS_LABEL[current.status]}
                      {current.decidedBy ? ` by ${current.decidedBy.name}` : byPolicy ? " by the instant-staging policy" : ""}
                      {current.decidedAt ? ` on ${utcDateTime(current.decidedAt)}` : ""}.
                    </p>
                    {current.decisionNote ? <p className="whitespace-pre-wrap rounded-md bg-surface-muted p-3">{current.decisionNote}</p> : null}
                    {current.status === "WITHDRAWN" ? <p className="text-fg-muted">The partner withdrew it before a decision.</p> : null}
                  </div>
                )}
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader
              title="Client"
              description={
                registration.clientId
                  ? `${registration.provisioningMode === "MANUAL" ? "Linked by hand" : "Provisioned"} at ${registration.issuer}`
                  : "Approving creates the client at the authorization server (RFC 7591)."
              }
            />
            <CardBody className="space-y-4">
              {registration.clientId ? (
                <>
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="text-fg-muted">Client ID</span>
                    <code className="break-all font-mono text-xs">{registration.clientId}</code>
                    <CopyButton value={registration.clientId} label="client ID" />
                  </div>
                  {registration.revokedAt ? (
                    <p className="text-sm text-danger">Revoked {utcDateTime(registration.revokedAt)}.</p>
                  ) : registration.provisioningMode === "DYNAMIC" ? (
                    <RevokeClient registrationId={id} as="admin" />
                  ) : (
                    <p className="text-sm text-fg-muted">Platform staff revoke manually linked clients at their server.</p>
                  )}
                </>
              ) : (
                <>
                  {!issuerFor(environment) ? (
                    <Alert tone="info">No authorization server is configured for Production: link the client ID platform staff issued, then approve.</Alert>
                  ) : null}
                  <LinkClientForm registrationId={id} defaultIssuer={env().brandIssuers[environment]} />
                </>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Consent screen" />
            <CardBody>
              <ConsentPreview shown={data} logoUploaded={logoUploaded} environment={environment} brand={env().brandName} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Comments" />
            <CardBody className="space-y-4">
              <CommentsList comments={current.comments} empty="No comments on this revision yet." />
              {isLatest ? <CommentForm registrationId={id} revision={current.number} /> : null}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Revisions" />
            <CardBody>
              <ol className="space-y-2 text-sm">
                {registration.revisions.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/admin/registrations/${id}?revision=${r.number}`}
                      aria-current={r.number === current.number ? "page" : undefined}
                      className="underline underline-offset-2"
                    >
                      Revision {r.number}
                    </Link>
                    <Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge>
                  </li>
                ))}
              </ol>
              <p className="mt-3 text-sm">
                <Link className="text-primary underline underline-offset-2" href={`/admin/audit?registration=${id}`}>
                  Audit log of this registration
                </Link>
              </p>
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
