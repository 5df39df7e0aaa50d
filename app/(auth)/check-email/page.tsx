import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { resendSignUpAction } from "@/lib/auth/sign-up-actions";
import { signedUpEmail } from "@/lib/auth/sign-up-cookie";
import { env } from "@/lib/env";

export const metadata = { title: "Check your e-mail" };

export default async function CheckEmailPage() {
  // Only the address this browser signed up with (a signed cookie), never text from the URL.
  const email = await signedUpEmail();
  const outbox = !env().isProduction && !env().smtpUrl;
  return (
    <AuthCard
      title="Check your e-mail"
      description={
        email ? (
          <>
            We sent a link to <strong className="text-fg">{email}</strong>.
          </>
        ) : (
          "We sent a link to the address you entered."
        )
      }
    >
      <div className="space-y-3 text-sm text-fg-muted">
        <p>Open it to choose your password and name your organization. The link works once and expires in 24 hours.</p>
        <p>Already have an account with this address? Then the message tells you how to sign in instead.</p>
        {outbox ? (
          <p>This portal runs without a mail server: messages are written to the server log and to the development outbox (platform admins only).</p>
        ) : null}
        {email ? <ActionButtonForm action={resendSignUpAction} label="Send the link again" /> : null}
        <p>
          Wrong address?{" "}
          <Link href="/sign-up" className="text-primary underline underline-offset-4">
            Start again
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
