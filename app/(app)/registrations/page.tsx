import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FlashToast } from "@/components/ui/toast";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { RegistrationRowActions } from "@/components/registration/registration-row-actions";
import { ENVIRONMENT_LABEL, STATUS_LABEL, STATUS_TONE } from "@/components/registration/status";
import { requireOrgMember } from "@/lib/auth/guards";
import { listRegistrations } from "@/lib/db/registrations";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "My registrations" };

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireOrgMember();
  const { welcome } = await searchParams;
  const registrations = await listRegistrations(user.membership.organization.id);
  const actions = (
    <div className="flex flex-wrap gap-2">
      <Link href="/registrations/import" className={buttonClasses({ variant: "secondary" })}>
        Import manifest
      </Link>
      <Link href="/registrations/new" className={buttonClasses({ variant: "primary" })}>
        New registration
      </Link>
    </div>
  );
  return (
    <div className="space-y-6">
      {welcome ? <FlashToast message={`Welcome to ${user.membership.organization.name}!`} /> : null}
      <PageHeader
        title="My registrations"
        description={`OAuth clients registered by ${user.membership.organization.name}. Every member of your organization sees them.`}
        actions={actions}
      />
      {registrations.length === 0 ? (
        <EmptyState
          title="No registrations yet"
          description="Register your application's OAuth 2.0 client: fill in three short sections, preview the consent screen your users will see, and submit it for review."
          action={
            <Link href="/registrations/new" className={buttonClasses({ variant: "primary" })}>
              Start a registration
            </Link>
          }
        />
      ) : (
        <Table label="Registrations">
          <THead>
            <TR>
              <TH>Client name</TH>
              <TH>Environment</TH>
              <TH>Status</TH>
              <TH>Last change</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {registrations.map((r) => (
              <TR key={r.id}>
                <TD className="font-medium">
                  <Link href={`/registrations/${r.id}`} className="underline-offset-4 hover:underline">
                    {r.clientName || <span className="text-fg-muted">Untitled registration</span>}
                  </Link>
                </TD>
                <TD>{ENVIRONMENT_LABEL[r.environment]}</TD>
                <TD>
                  <Badge tone={STATUS_TONE[r.latestStatus]}>{STATUS_LABEL[r.latestStatus]}</Badge>
                </TD>
                <TD className="whitespace-nowrap">{utcDateTime(r.updatedAt)}</TD>
                <TD className="text-right">
                  <RegistrationRowActions
                    registrationId={r.id}
                    name={r.clientName || "Untitled registration"}
                    canEdit={r.latestStatus === "DRAFT"}
                    canDelete={!r.everSubmitted}
                  />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
