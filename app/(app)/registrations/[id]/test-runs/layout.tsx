import { notFound } from "next/navigation";
import { requireOrgMember } from "@/lib/auth/guards";
import { registrationSummary } from "@/lib/db/test-runs";

// The access check for every test-run page, above their loading states: the tools page's
// streams with status 200 before the page runs, and another organization's registration must
// still get a 404 (pen test, issue 8 item 9). The other pages check as well.
export default async function TestRunsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  if (!(await registrationSummary(user.membership.organization.id, id))) notFound();
  return children;
}
