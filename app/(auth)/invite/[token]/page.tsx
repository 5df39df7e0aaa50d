import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { Alert } from "@/components/ui/alert";
import { findInvitation } from "@/lib/db/organizations";

export const metadata = { title: "Accept invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findInvitation(token) : { status: "invalid" as const };
  if (invitation.status !== "valid") {
    return (
      <AuthCard
        title="This invitation does not work"
        footer={
          <Link href="/sign-in" className="text-primary underline underline-offset-4">
            Go to sign in
          </Link>
        }
      >
        <Alert tone="danger">
          {invitation.status === "expired"
            ? "This invitation has expired. Ask the person who invited you to send a new one."
            : invitation.status === "used"
              ? "This invitation was already accepted. Sign in with the account you created."
              : "This invitation is not valid any more: it may have been revoked. Ask for a new one."}
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${invitation.organizationName}`}
      description={
        <>
          You were invited as <strong className="text-fg">{invitation.email}</strong>. Choose your name and a password to create your account.
        </>
      }
    >
      <AcceptInviteForm token={token} />
    </AuthCard>
  );
}
