import { notFound } from "next/navigation";
import { requireOrgMember } from "@/lib/auth/guards";
import { registrationSummary } from "@/lib/db/test-runs";

// The access check for every test-run page lives here, above their loading boundaries: a
// loading state streams with status 200 before the page inside it runs, so a check made only
// by the page could no longer answer another organization's registration with 404.
export default async function TestRunsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireOrgMember();
  if (!(await registrationSummary(user.membership.organization.id, id))) notFound();
  return children;
}
