import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { staffSsoFormAction } from "@/lib/auth/account-actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { safeCallbackUrl } from "@/lib/validation/account";

export const metadata = { title: "Sign in" };

const NOTICES: Record<string, { tone: "success" | "info" | "danger"; text: string }> = {
  verified: { tone: "success", text: "Your e-mail address is confirmed. Sign in to continue." },
  reset: { tone: "success", text: "Your password was changed and other sessions were signed out. Sign in with the new password." },
  signedOut: { tone: "info", text: "You are signed out." },
  deleted: { tone: "info", text: "Your account was deleted. Thank you for using the partner portal." },
  sso_not_allowed: {
    tone: "danger",
    text: "Single sign-on is for platform staff listed by the administrators. Sign in with your e-mail and password instead.",
  },
  error: { tone: "danger", text: "Sign-in did not complete. Please try again." },
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, "/");
  if (await getCurrentUser()) redirect(callbackUrl);
  const key =
    ["verified", "reset", "signedOut", "deleted"].find((k) => params[k]) ??
    (params.error === "sso_not_allowed" ? "sso_not_allowed" : params.error ? "error" : undefined);
  const notice = key ? NOTICES[key] : undefined;
  const sso = env().oidc;

  return (
    <AuthCard
      title="Sign in to the partner portal"
      description="Register OAuth clients, follow their review and test them end to end."
      footer={
        <>
          New here?{" "}
          <Link href="/sign-up" className="font-medium text-primary underline underline-offset-4">
            Create an account
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        <SignInForm callbackUrl={callbackUrl} />
        {sso ? (
          <form action={staffSsoFormAction} className="border-t border-border pt-4">
            <button type="submit" className={buttonClasses({ variant: "secondary", size: "md" }) + " w-full"}>
              Platform staff: sign in with {sso.name}
            </button>
          </form>
        ) : null}
      </div>
    </AuthCard>
  );
}
