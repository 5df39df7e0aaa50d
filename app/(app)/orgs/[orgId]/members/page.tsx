import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { LeaveButton, MakeOwnerButton, RemoveMemberButton, RevokeInvitationButton, StepDownButton } from "@/components/members/member-actions";
import { requireOrgMember } from "@/lib/auth/guards";
import { listMembers, listPendingInvitations } from "@/lib/db/organizations";
import { utcDate } from "@/lib/text/utc-time";

export const metadata = { title: "Team" };

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await requireOrgMember(orgId);
  const organizationId = user.membership.organization.id;
  const isOwner = user.membership.role === "OWNER";
  const [members, invitations] = await Promise.all([listMembers(organizationId), listPendingInvitations(organizationId)]);
  // The last owner can neither step down nor leave: an organization always has an owner.
  const owners = members.filter((m) => m.role === "OWNER").length;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Team"
        description={`People in ${user.membership.organization.name}. Members see, edit and submit all of the organization's registrations and run Test connection; owners also manage the team, rotate and reveal rotated secrets, and revoke clients.`}
      />
      {isOwner ? (
        <Card>
          <CardHeader title="Invite a colleague" description="They get an e-mail with a link to create their account. The link expires in 7 days." />
          <CardBody>
            <InviteMemberForm />
          </CardBody>
        </Card>
      ) : null}

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <Table label="Members">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>E-mail</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {members.map((m) => (
              <TR key={m.user.id}>
                <TD className="font-medium">
                  {m.user.name}
                  {m.user.id === user.id ? <span className="text-fg-muted"> (you)</span> : null}
                </TD>
                <TD>{m.user.email}</TD>
                <TD>
                  <Badge tone={m.role === "OWNER" ? "info" : "neutral"}>{m.role === "OWNER" ? "Owner" : "Member"}</Badge>
                </TD>
                <TD>{utcDate(m.createdAt)}</TD>
                <TD className="text-right">
                  <span className="inline-flex flex-wrap justify-end gap-1">
                    {m.user.id === user.id ? (
                      <>
                        {m.role === "OWNER" && owners > 1 ? <StepDownButton userId={m.user.id} /> : null}
                        {m.role === "MEMBER" || owners > 1 ? <LeaveButton organization={user.membership.organization.name} /> : null}
                      </>
                    ) : isOwner && m.role === "MEMBER" ? (
                      <>
                        <MakeOwnerButton userId={m.user.id} name={m.user.name} />
                        <RemoveMemberButton userId={m.user.id} name={m.user.name} />
                      </>
                    ) : null}
                  </span>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="invites-heading" className="space-y-3">
        <h2 id="invites-heading" className="text-lg font-semibold">
          Pending invitations
        </h2>
        {invitations.length === 0 ? (
          <EmptyState
            title="No pending invitations"
            description={isOwner ? "Invite colleagues above; their invitations show here until accepted." : "Owners can invite colleagues."}
          />
        ) : (
          <Table label="Invitations waiting to be accepted">
            <THead>
              <TR>
                <TH>E-mail</TH>
                <TH>Invited by</TH>
                <TH>Expires</TH>
                {isOwner ? (
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                ) : null}
              </TR>
            </THead>
            <TBody>
              {invitations.map((i) => (
                <TR key={i.id}>
                  <TD>{i.email}</TD>
                  <TD>{i.invitedBy.name}</TD>
                  <TD>{utcDate(i.expiresAt)}</TD>
                  {isOwner ? (
                    <TD className="text-right">
                      <RevokeInvitationButton invitationId={i.id} email={i.email} />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}
