import { notFound } from "next/navigation";
import { requireOrgMember } from "@/lib/auth/guards";
import { registrationSummary } from "@/lib/db/test-runs";

// The access check for every test-run page, above them all. Each page checks as well, but a
// loading state added below this layout would stream with status 200 before its page ran, and
// another organization's registration must still get a 404 then (pen test, issue 8 item 9).
export default async function TestRunsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  if (!(await registrationSummary(user.membership.organization.id, id))) notFound();
  return children;
}
