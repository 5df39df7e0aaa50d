import { AuthCard } from "@/components/auth/auth-card";
import { TokenActionForm } from "@/components/auth/token-action-form";
import { Alert } from "@/components/ui/alert";
import { verifyEmailAction } from "@/lib/auth/account-actions";
import { checkAuthToken } from "@/lib/db/auth-tokens";

export const metadata = { title: "Confirm your e-mail" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const check = token && token.length <= 200 ? await checkAuthToken(token, "VERIFY_EMAIL") : { status: "invalid" as const };
  if (check.status !== "valid" || !token) {
    return (
      <AuthCard title="This link does not work">
        <Alert tone="danger">
          {check.status === "expired"
            ? "This confirmation link has expired. Sign in with your e-mail and password to get a new one."
            : "This confirmation link has already been used or is not valid. If you already confirmed your address, just sign in."}
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Confirm your e-mail address" description="One click and your account is ready.">
      <TokenActionForm token={token} label="Confirm my e-mail address" action={verifyEmailAction} />
    </AuthCard>
  );
}
