import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FlashToast } from "@/components/ui/toast";
import { ConsentPreview } from "@/components/registration/consent-preview";
import { RegistrationRowActions } from "@/components/registration/registration-row-actions";
import { ENVIRONMENT_LABEL, STATUS_EXPLANATION, STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { requireOrgMember } from "@/lib/auth/guards";
import { getRegistration } from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { draftSchema } from "@/lib/registration/schema";

export const metadata = { title: "Registration" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function RegistrationPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const { id } = await params;
  const user = await requireOrgMember();
  const registration = await getRegistration(user.membership.organization.id, id);
  if (!registration) notFound();
  const { submitted } = await searchParams;
  const latest = registration.revisions[0]!;
  const data = draftSchema.parse(latest.data);
  const name = registration.clientName || "Untitled registration";
  const isDraft = latest.status === "DRAFT";

  return (
    <div className="space-y-6">
      {submitted ? <FlashToast message="Submitted for review. We will e-mail your organization when it is decided." /> : null}
      <PageHeader
        title={name}
        description={<>{ENVIRONMENT_LABEL[registration.environment]} registration · created {timeFormat.format(registration.createdAt)}</>}
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
      <Card>
        <CardBody>
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-fg-muted">Status</span>
            <Badge tone={STATUS_TONE[latest.status]} aria-label={`Status: ${STATUS_LABEL[latest.status]}`}>
              {STATUS_LABEL[latest.status]}
            </Badge>
            <span className="text-sm text-fg-muted">Revision {latest.number}</span>
          </div>
          <p className="mt-2 text-sm">{STATUS_EXPLANATION[latest.status]}</p>
          {latest.status === "SUBMITTED" && latest.submittedAt ? (
            <p className="mt-1 text-sm text-fg-muted">
              Submitted {timeFormat.format(latest.submittedAt)}
              {latest.submittedBy ? ` by ${latest.submittedBy.name}` : ""}.
            </p>
          ) : null}
        </CardBody>
      </Card>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader title="History" description="Every revision of this registration, newest first." />
          <CardBody>
            <ol className="space-y-3">
              {registration.revisions.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <span className="font-medium">Revision {r.number}</span>
                  <Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge>
                  <span className="text-fg-muted">
                    {r.submittedAt ? `submitted ${timeFormat.format(r.submittedAt)}` : `last saved ${timeFormat.format(r.updatedAt)}`}
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
        <section aria-labelledby="consent-heading" className="space-y-3">
          <h2 id="consent-heading" className="text-base font-semibold">Consent screen</h2>
          <ConsentPreview clientName={data.clientName} logoUrl={data.logoId ? `/api/logos/${data.logoId}` : null} tosUri={data.tosUri} policyUri={data.policyUri} scopes={data.scopes} brand={env().brandName} />
        </section>
      </div>
      {isDraft && registration.everSubmitted ? <Alert tone="info">This draft will become a new revision when you submit it.</Alert> : null}
    </div>
  );
}
