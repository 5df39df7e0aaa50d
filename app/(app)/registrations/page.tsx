import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { FlashToast } from "@/components/ui/toast";
import { requireOrgMember } from "@/lib/auth/guards";

export const metadata = { title: "My registrations" };

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireOrgMember();
  const { welcome } = await searchParams;
  return (
    <div className="space-y-6">
      {welcome ? <FlashToast message={`Welcome to ${user.membership.organization.name}!`} /> : null}
      <PageHeader
        title="My registrations"
        description={`OAuth clients registered by ${user.membership.organization.name}. Every member of your organization sees them.`}
      />
      <EmptyState
        title="No registrations yet"
        description="Registrations your organization creates appear here, with their review status and credentials."
      />
    </div>
  );
}
