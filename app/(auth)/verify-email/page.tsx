import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { CompleteSignUpForm } from "@/components/auth/complete-sign-up-form";
import { Alert } from "@/components/ui/alert";
import { findSignUpRequest } from "@/lib/db/sign-ups";
import { env } from "@/lib/env";

export const metadata = { title: "Create your account" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const check = typeof token === "string" && token.length <= 200 ? await findSignUpRequest(token) : { status: "invalid" as const };
  if (check.status !== "valid" || typeof token !== "string") {
    return (
      <AuthCard
        title="This link does not work"
        footer={
          <Link href="/sign-up" className="text-primary underline underline-offset-4">
            Sign up again
          </Link>
        }
      >
        <Alert tone="danger">
          {check.status === "expired"
            ? "This confirmation link has expired. Sign up again to get a new one."
            : "This confirmation link has already been used, or a newer one was sent. If you already created your account, sign in."}
        </Alert>
      </AuthCard>
    );
  }
  const staff = env().adminEmails.has(check.email);
  return (
    <AuthCard
      title="Create your account"
      description={
        <>
          Your address <strong className="text-fg">{check.email}</strong> is confirmed.{" "}
          {staff ? "It belongs to the platform's staff: choose your name and a password." : "Choose your name, your organization's name and a password."}
        </>
      }
    >
      <CompleteSignUpForm token={token} brand={env().brandName} staff={staff} />
    </AuthCard>
  );
}
