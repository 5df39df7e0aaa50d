import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FlashToast } from "@/components/ui/toast";
import { ConsentPreview } from "@/components/registration/consent-preview";
import { PartnerReviewActions } from "@/components/registration/partner-review-actions";
import { PrepareProductionButton } from "@/components/registration/prepare-production-button";
import { RegistrationRowActions } from "@/components/registration/registration-row-actions";
import { ENVIRONMENT_LABEL, STATUS_EXPLANATION, STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { AuditTable } from "@/components/review/audit-table";
import { CommentsList } from "@/components/review/comments-list";
import { CredentialsPanel } from "@/components/credentials/credentials-panel";
import { TestConnectionPanel } from "@/components/test-connection/test-connection-panel";
import { loadTestConnectionPanel } from "@/lib/test-connection/panel";
import { requireOrgMember } from "@/lib/auth/guards";
import { getClientCredentials, listSecrets } from "@/lib/db/credentials";
import { listAuditForRegistration } from "@/lib/db/audit";
import { getPolicyHold } from "@/lib/db/policy";
import { getLogoMeta } from "@/lib/db/logos";
import { fromDbEnvironment, getRegistration } from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { unreadableNotice } from "@/lib/registration/stored";
import { allowedActions } from "@/lib/review/state-machine";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Registration" };

export default async function RegistrationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  const registration = await getRegistration(organizationId, id);
  if (!registration) notFound();
  const [{ submitted }, activity, creds, secrets, testPanel, policyHold] = await Promise.all([
    searchParams,
    listAuditForRegistration(organizationId, id),
    getClientCredentials(organizationId, id),
    listSecrets(organizationId, id),
    loadTestConnectionPanel(organizationId, id),
    getPolicyHold(organizationId, id),
  ]);
  const latest = registration.revisions[0]!;
  // The newest revision that left draft carries the review outcome the partner should see.
  const reviewed = registration.revisions.find((r) => r.status !== "DRAFT");
  const live = registration.revisions.find((r) => r.status === "APPROVED");
  const { data: shown, unreadable } = live ?? latest;
  const notice = unreadableNotice(unreadable);
  const logoUploaded = Boolean(shown.logoId && (await getLogoMeta(organizationId, shown.logoId)));
  const name = registration.clientName || "Untitled registration";
  const isDraft = latest.status === "DRAFT";
  const allowed = allowedActions(latest.status, { kind: "member" }, null);
  const canEditAgain = allowed.includes("new_draft");
  const canWithdraw = allowed.includes("withdraw");
  // Approved at once by the instant-staging policy: no person decided it.
  const byPolicy = (r: { status: string; decidedAt: Date | null; decidedBy: unknown }) => r.status === "APPROVED" && r.decidedAt && !r.decidedBy;
  const instant = latest.status === "APPROVED" && byPolicy(latest);
  // The welcome stays until the first secret is revealed (the newest secret is listed first).
  const secretWaiting = secrets.length > 0 && !secrets[0]!.revealedAt;
  const held =
    policyHold && (latest.status === "SUBMITTED" || latest.status === "IN_REVIEW") && policyHold.revisionNumber === latest.number ? policyHold : null;

  return (
    <div className="space-y-6">
      {submitted ? (
        <FlashToast
          message={
            instant
              ? "Approved at once: your Staging credentials are ready below."
              : "Submitted for review. We will e-mail your organization when it is decided."
          }
        />
      ) : null}
      <PageHeader
        title={name}
        description={
          <>
            {ENVIRONMENT_LABEL[registration.environment]} registration · created {utcDateTime(registration.createdAt)}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            {isDraft ? (
              <Link href={`/registrations/${id}/edit/human`} className={buttonClasses({ variant: "primary" })}>
                Continue editing
              </Link>
            ) : null}
            <a href={`/api/registrations/${id}/manifest`} className={buttonClasses({ variant: "secondary" })} download>
              Export manifest
            </a>
          </div>
        }
      />
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      <Card>
        <CardBody className="space-y-3">
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-fg-muted">Status</span>
            <Badge tone={STATUS_TONE[latest.status]} aria-label={`Status: ${STATUS_LABEL[latest.status]}`}>
              {STATUS_LABEL[latest.status]}
            </Badge>
            <span className="text-sm text-fg-muted">Revision {latest.number}</span>
          </div>
          <p className="text-sm">{STATUS_EXPLANATION[latest.status]}</p>
          {instant && secretWaiting ? (
            <Alert tone="success" title="Approved at once by the instant-staging policy">
              Your submission passed every automated check, so it did not wait for a person. Reveal your client secret below (it is shown once), then try Test
              connection.
            </Alert>
          ) : null}
          {held ? (
            <Alert tone="info" title="A person will review this submission">
              <p>Staging submissions that pass every automated check are approved at once. This one goes to a reviewer because:</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {held.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {live && live.number !== latest.number ? (
            <Alert tone="info">Revision {live.number} is approved and stays live until a newer revision is approved.</Alert>
          ) : null}
          {reviewed?.decidedAt ? (
            <div className="space-y-2 text-sm">
              <p>
                Revision {reviewed.number}: <strong>{STATUS_LABEL[reviewed.status]}</strong>
                {reviewed.decidedBy ? ` by ${reviewed.decidedBy.name}` : byPolicy(reviewed) ? " by the instant-staging policy" : ""} on{" "}
                {utcDateTime(reviewed.decidedAt)}.
              </p>
              {reviewed.decisionNote ? (
                <blockquote className="whitespace-pre-wrap rounded-md border-l-4 border-border-strong bg-surface-muted px-3 py-2">
                  {reviewed.decisionNote}
                </blockquote>
              ) : null}
            </div>
          ) : null}
          <PartnerReviewActions
            registrationId={id}
            canWithdraw={canWithdraw}
            canEdit={canEditAgain}
            editLabel={latest.status === "APPROVED" ? "Edit (creates a new revision)" : "Edit and resubmit"}
          />
        </CardBody>
      </Card>

      {registration.promotedFrom ? (
        <Alert tone="info" title="Prepared from a Staging registration">
          This Production registration started as a copy of the approved{" "}
          <Link className="underline underline-offset-2" href={`/registrations/${registration.promotedFrom.id}`}>
            Staging registration {registration.promotedFrom.clientName ? `“${registration.promotedFrom.clientName}”` : ""}
          </Link>
          , which keeps working. Submitting needs a passing Test connection of that Staging client from the last 30 days.
        </Alert>
      ) : null}
      {registration.environment === "STAGING" && live && !registration.revokedAt ? (
        <Card>
          <CardHeader
            title="Production"
            description={
              registration.promotedTo
                ? "This Staging registration was prepared for Production. It keeps working; the Production registration is reviewed on its own."
                : "Copy the approved configuration into a Production registration. You will see what must change before submitting; reviewers see only what changed."
            }
          />
          <CardBody>
            {registration.promotedTo ? (
              <Link className={buttonClasses({ variant: "secondary" })} href={`/registrations/${registration.promotedTo.id}`}>
                Open the Production registration
              </Link>
            ) : (
              <PrepareProductionButton registrationId={id} />
            )}
          </CardBody>
        </Card>
      ) : null}
      {creds ? <CredentialsPanel creds={creds} secrets={secrets} isOwner={user.membership.role === "OWNER"} /> : null}
      {testPanel ? <TestConnectionPanel {...testPanel} /> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          {reviewed && reviewed.comments.length ? (
            <Card>
              <CardHeader title="Reviewer comments" description={`On revision ${reviewed.number}. Comments on a field also appear beside it in the editor.`} />
              <CardBody>
                <CommentsList comments={reviewed.comments} />
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Revisions" description="Every revision of this registration, newest first. Earlier ones stay readable." />
            <CardBody>
              <ol className="space-y-3">
                {registration.revisions.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <Link
                      href={r.status === "DRAFT" ? `/registrations/${id}/edit/human` : `/registrations/${id}/revisions/${r.number}`}
                      className="font-medium underline underline-offset-2"
                    >
                      Revision {r.number}
                    </Link>
                    <Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge>
                    <span className="text-fg-muted">
                      {r.submittedAt ? `submitted ${utcDateTime(r.submittedAt)}` : `last saved ${utcDateTime(r.updatedAt)}`}
                      {r.updatedBy ? ` · ${r.updatedBy.name}` : ""}
                    </span>
                  </li>
                ))}
              </ol>
              <div className="mt-6 border-t border-border pt-4">
                <RegistrationRowActions registrationId={id} name={name} canEdit={false} canDelete={!registration.everSubmitted} afterDelete="/registrations" />
              </div>
            </CardBody>
          </Card>
          <section aria-labelledby="activity-heading" className="space-y-3">
            <h2 id="activity-heading" className="text-lg font-semibold">
              Activity
            </h2>
            {activity.length ? (
              <AuditTable rows={activity} label="Activity on this registration" showActorEmail={false} />
            ) : (
              <p className="text-sm text-fg-muted">Nothing yet.</p>
            )}
          </section>
        </div>
        <section aria-labelledby="consent-heading" className="space-y-3">
          <h2 id="consent-heading" className="text-base font-semibold">
            Consent screen{live ? " (live)" : ""}
          </h2>
          <ConsentPreview shown={shown} logoUploaded={logoUploaded} environment={fromDbEnvironment(registration.environment)} brand={env().brandName} />
        </section>
      </div>
    </div>
  );
}
