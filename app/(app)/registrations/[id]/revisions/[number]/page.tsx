import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { RegistrationFields } from "@/components/review/registration-fields";
import { requireOrgMember } from "@/lib/auth/guards";
import { getLogoMeta } from "@/lib/db/logos";
import { fromDbEnvironment, getRegistration } from "@/lib/db/registrations";
import { unreadableNotice } from "@/lib/registration/stored";

export const metadata = { title: "Revision" };

export default async function RevisionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  const registration = await getRegistration(organizationId, id);
  const revision = registration?.revisions.find((r) => String(r.number) === number);
  if (!registration || !revision) notFound();
  const data = revision.data;
  const notice = unreadableNotice(revision.unreadable);
  const logoUploaded = Boolean(data.logoId && (await getLogoMeta(organizationId, data.logoId)));
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${registration.clientName || "Untitled registration"}: revision ${revision.number}`}
        description="A frozen copy of what was submitted, with the reviewer's comments beside their fields."
        actions={
          <Link href={`/registrations/${id}`} className="text-sm text-primary underline underline-offset-4">
            Registration overview
          </Link>
        }
      />
      <Badge tone={STATUS_TONE[revision.status]}>{STATUS_LABEL[revision.status]}</Badge>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      <Card>
        <CardBody>
          <RegistrationFields data={data} environment={fromDbEnvironment(registration.environment)} logoUploaded={logoUploaded} comments={revision.comments} />
        </CardBody>
      </Card>
    </div>
  );
}
