import { AdminNav } from "@/components/review/admin-nav";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/guards";
import { listOrganizationsForAdmin } from "@/lib/db/organizations";
import { utcDate } from "@/lib/text/utc-time";

export const metadata = { title: "Organizations" };

export default async function AdminPage() {
  await requireAdmin();
  const organizations = await listOrganizationsForAdmin();
  return (
    <div className="space-y-6">
      <AdminNav current="organizations" />
      <PageHeader title="Organizations" description="Partner organizations on the portal." />
      {organizations.length === 0 ? (
        <EmptyState title="No partner organizations yet" description="Organizations appear here when partners sign up." />
      ) : (
        <Table label="Partner organizations">
          <THead>
            <TR>
              <TH>Organization</TH>
              <TH>Members</TH>
              <TH>Joined</TH>
            </TR>
          </THead>
          <TBody>
            {organizations.map((o) => (
              <TR key={o.id}>
                <TD className="font-medium">{o.name}</TD>
                <TD>{o._count.memberships}</TD>
                <TD>{utcDate(o.createdAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
