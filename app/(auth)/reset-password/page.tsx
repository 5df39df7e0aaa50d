import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { checkAuthToken } from "@/lib/db/auth-tokens";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const check = token && token.length <= 200 ? await checkAuthToken(token, "RESET_PASSWORD") : { status: "invalid" as const };
  if (check.status !== "valid" || !token) {
    return (
      <AuthCard
        title="This link does not work"
        footer={
          <Link href="/forgot-password" className="text-primary underline underline-offset-4">
            Ask for a new reset link
          </Link>
        }
      >
        <Alert tone="danger">
          {check.status === "expired" ? "This reset link has expired (they last 1 hour)." : "This reset link has already been used or is not valid."}
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
