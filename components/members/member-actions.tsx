"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { removeMemberAction, revokeInvitationAction } from "@/lib/auth/account-actions";
import { leaveOrganizationAction, setMemberRoleAction } from "@/lib/auth/account-settings-actions";
import type { ActionResult } from "@/lib/actions/safe-action";

/** A destructive action that asks once more inline before it runs. */
function ConfirmAction({ label, ariaLabel, confirmLabel, run }: { label: string; ariaLabel: string; confirmLabel: string; run: () => Promise<ActionResult> }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" aria-label={ariaLabel} onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="inline-flex gap-2">
      <Button
        variant="danger"
        size="sm"
        loading={pending}
        autoFocus
        onClick={() =>
          startTransition(async () => {
            const result = await run();
            toast(result.ok ? (result.message ?? "Done.") : result.error, { tone: result.ok ? "success" : "danger" });
            setConfirming(false);
            router.refresh();
          })
        }
      >
        {confirmLabel}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
    </span>
  );
}

export function RemoveMemberButton({ userId, name }: { userId: string; name: string }) {
  return (
    <ConfirmAction label="Remove" ariaLabel={`Remove ${name}`} confirmLabel={`Confirm: remove ${name}`} run={() => removeMemberAction(null, { userId })} />
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  return (
    <ConfirmAction
      label="Revoke"
      ariaLabel={`Revoke invitation for ${email}`}
      confirmLabel={`Confirm: revoke ${email}`}
      run={() => revokeInvitationAction(null, { invitationId })}
    />
  );
}

export function MakeOwnerButton({ userId, name }: { userId: string; name: string }) {
  return (
    <ConfirmAction
      label="Make owner"
      ariaLabel={`Make owner: ${name}`}
      confirmLabel={`Confirm: make ${name} an owner`}
      run={() => setMemberRoleAction(null, { userId, role: "OWNER" })}
    />
  );
}

export function StepDownButton({ userId }: { userId: string }) {
  return (
    <ConfirmAction
      label="Step down"
      ariaLabel="Step down to member"
      confirmLabel="Confirm: step down to member"
      run={() => setMemberRoleAction(null, { userId, role: "MEMBER" })}
    />
  );
}

export function LeaveButton({ organization }: { organization: string }) {
  return (
    <ConfirmAction
      label="Leave"
      ariaLabel={`Leave ${organization}`}
      confirmLabel={`Confirm: leave ${organization}`}
      run={() => leaveOrganizationAction(null, {})}
    />
  );
}
