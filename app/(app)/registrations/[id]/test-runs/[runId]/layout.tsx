import { notFound } from "next/navigation";
import { requireOrgMember } from "@/lib/auth/guards";
import { getTestRun } from "@/lib/db/test-runs";

// Above this page's loading boundary, so an unknown run (or one of another registration)
// answers 404 before the loading state streams (see ../layout.tsx).
export default async function TestRunLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  const user = await requireOrgMember();
  if (!(await getTestRun(user.membership.organization.id, id, runId))) notFound();
  return children;
}
