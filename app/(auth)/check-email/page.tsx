import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { env } from "@/lib/env";

export const metadata = { title: "Check your e-mail" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const outbox = !env().isProduction && !env().smtpUrl;
  return (
    <AuthCard title="Check your e-mail" description={<>We sent a confirmation link to <strong className="text-fg">{email ?? "your address"}</strong>.</>}>
      <div className="space-y-3 text-sm text-fg-muted">
        <p>Open the link to confirm your address, then sign in. The link expires in 24 hours.</p>
        {outbox ? (
          <p>
            This portal runs without a mail server: messages are written to the server log and to the development outbox
            (platform admins only).
          </p>
        ) : null}
        <p>
          Nothing arrived? Check your spam folder, or{" "}
          <Link href="/sign-in" className="text-primary underline underline-offset-4">
            sign in
          </Link>{" "}
          to send a new link.
        </p>
      </div>
    </AuthCard>
  );
}
