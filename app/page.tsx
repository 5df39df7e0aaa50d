import { redirect } from "next/navigation";
import { getCurrentUser, isAdmin } from "@/lib/auth/guards";

export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.membership) redirect("/registrations");
  if (isAdmin(user)) redirect("/admin");
  redirect("/no-organization");
}
