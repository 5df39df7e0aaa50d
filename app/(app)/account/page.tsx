import Link from "next/link";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SecondFactors } from "@/components/account/second-factors";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { signOutEverywhereAction } from "@/lib/auth/account-settings-actions";
import { requireUser } from "@/lib/auth/guards";
import { listOpenSessions } from "@/lib/db/sessions";
import { listFactors, unusedRecoveryCodes } from "@/lib/db/second-factors";
import { hasPassword } from "@/lib/db/users";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const [sessions, withPassword, factors, unusedCodes] = await Promise.all([
    listOpenSessions(user.id, new Date()),
    hasPassword(user.id),
    user.isStaff ? listFactors(user.id) : Promise.resolve([]),
    user.isStaff ? unusedRecoveryCodes(user.id) : Promise.resolve(0),
  ]);
  // Staff who sign in with a password manage their factors here; SSO staff have none.
  const staffFactors = user.isStaff && withPassword ? factors : null;
  const org = user.membership?.organization;
  return (
    <div className="space-y-8">
      <PageHeader
        title="Your account"
        description={
          <>
            Signed in as <strong className="text-fg">{user.email}</strong>.
          </>
        }
      />

      <Card>
        <CardHeader title="Profile" />
        <CardBody className="space-y-4">
          <ProfileForm name={user.name} />
          <p className="text-sm text-fg-muted">
            {org ? (
              <>
                {user.membership?.role === "OWNER" ? "Owner" : "Member"} of {org.name}.{" "}
                <Link href={`/orgs/${org.id}/members`} className="text-primary underline underline-offset-4">
                  Manage the team
                </Link>
              </>
            ) : user.isStaff ? (
              "Platform staff: you belong to no partner organization."
            ) : (
              "You are not a member of an organization."
            )}
          </p>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Password" description={withPassword ? undefined : "You sign in with single sign-on: your password is managed there."} />
        {withPassword ? (
          <CardBody>
            <PasswordForm />
          </CardBody>
        ) : null}
      </Card>

      <Card>
        <CardHeader
          title="Sessions"
          description="Every browser where you are signed in. Each ends after a period without activity, and at the latest after a fixed lifetime."
        />
        <CardBody className="space-y-4">
          <ul className="divide-y divide-border rounded-md border border-border">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  Signed in {utcDateTime(s.createdAt)} · last active {utcDateTime(s.lastSeenAt)}
                </span>
                {s.id === user.sessionId ? <Badge tone="info">This browser</Badge> : null}
              </li>
            ))}
          </ul>
          <ActionButtonForm action={signOutEverywhereAction} label="Sign out everywhere" />
        </CardBody>
      </Card>

      {user.isStaff ? (
        <Card>
          <CardHeader
            title="Second factors"
            description={
              staffFactors
                ? "You use one of these at every sign-in with your password. Keep at least one; add a second device for when one is lost."
                : "You sign in with single sign-on, which checks your second factor."
            }
          />
          {staffFactors ? (
            <CardBody>
              <SecondFactors
                factors={staffFactors.map((f) => ({ ...f, createdAt: utcDateTime(f.createdAt), lastUsedAt: f.lastUsedAt ? utcDateTime(f.lastUsedAt) : null }))}
                unusedCodes={unusedCodes}
              />
            </CardBody>
          ) : null}
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title="Delete your account"
          description="Your name and address are removed and you are signed out everywhere. What you submitted stays with your organization, and the audit log keeps your name. The last owner of an organization with live clients or other members must hand over first."
        />
        <CardBody>
          <DeleteAccountForm withPassword={withPassword} email={user.email} />
        </CardBody>
      </Card>
    </div>
  );
}
