import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/guards";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
