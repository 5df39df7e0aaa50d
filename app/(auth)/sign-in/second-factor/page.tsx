import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SecondFactorStep } from "@/components/auth/second-factor/second-factor-step";
import { Alert } from "@/components/ui/alert";
import { stageOf } from "@/lib/auth/second-factor";
import { currentChallenge } from "@/lib/auth/second-factor-cookie";
import { listFactors } from "@/lib/db/second-factors";

export const metadata = { title: "Second factor" };

export default async function SecondFactorPage() {
  const challenge = await currentChallenge("sign_in");
  if (!challenge) {
    return (
      <AuthCard
        title="Sign in again"
        footer={
          <Link href="/sign-in" className="text-primary underline underline-offset-4">
            Go to sign in
          </Link>
        }
      >
        <Alert tone="info">This sign-in step has expired or was already used. Sign in with your password again.</Alert>
      </AuthCard>
    );
  }
  const [stage, factors] = await Promise.all([stageOf(challenge), listFactors(challenge.userId)]);
  return (
    <AuthCard
      title={stage === "verify" ? "Confirm it is you" : "Protect your staff account"}
      description={
        stage === "verify"
          ? `Platform staff use a second factor at every sign-in. Signing in as ${challenge.user.email}.`
          : `Staff accounts approve credentials for a financial platform, so a password is not enough. Add a passkey (or an authenticator app) for ${challenge.user.email}; you will use it at every sign-in.`
      }
    >
      <SecondFactorStep stage={stage} hasPasskey={factors.some((f) => f.kind === "PASSKEY")} hasTotp={factors.some((f) => f.kind === "TOTP")} />
    </AuthCard>
  );
}
