import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/guards";

export const metadata = { title: "No organization" };

export default async function NoOrganizationPage() {
  await requireUser();
  return (
    <EmptyState
      title="You are not part of an organization"
      description="You were removed from your organization, so there is nothing to show. Ask an owner of your company's organization to invite you again."
    />
  );
}
