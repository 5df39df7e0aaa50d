"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { deleteRegistrationAction, duplicateRegistrationAction } from "@/lib/actions/registrations";

export function RegistrationRowActions({
  registrationId,
  name,
  canEdit,
  canDelete,
  afterDelete,
}: {
  registrationId: string;
  name: string;
  canEdit: boolean;
  canDelete: boolean;
  /** Where to go once deleted (the status page of a deleted registration would be a 404). */
  afterDelete?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const run = (fn: () => Promise<{ ok: boolean; error?: string; message?: string } | undefined>) =>
    startTransition(async () => {
      const result = await fn();
      if (!result) return; // the action redirected (duplicate opens the copy)
      toast(result.ok ? (result.message ?? "Done.") : (result.error ?? "That did not work."), { tone: result.ok ? "success" : "danger" });
      setConfirmDelete(false);
      if (result.ok && afterDelete) router.push(afterDelete);
      else router.refresh();
    });

  return (
    <span className="inline-flex flex-wrap justify-end gap-1">
      {canEdit ? (
        <Link
          href={`/registrations/${registrationId}/edit/human`}
          className={buttonClasses({ variant: "ghost", size: "sm" })}
          aria-label={`Continue editing ${name}`}
        >
          Continue
        </Link>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Duplicate ${name}`}
        disabled={pending}
        onClick={() => run(() => duplicateRegistrationAction(null, { registrationId }))}
      >
        Duplicate
      </Button>
      {canDelete && !confirmDelete ? (
        <Button variant="ghost" size="sm" aria-label={`Delete ${name}`} onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
      ) : null}
      {confirmDelete ? (
        <>
          <Button variant="danger" size="sm" loading={pending} autoFocus onClick={() => run(() => deleteRegistrationAction(null, { registrationId }))}>
            Confirm: delete draft
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setConfirmDelete(false)}>
            Cancel
          </Button>
        </>
      ) : null}
    </span>
  );
}
