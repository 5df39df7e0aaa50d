"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { usePostForm } from "@/components/forms/use-post-form";
import { editAgainAction, withdrawAction } from "@/lib/actions/review";

/** Withdraw an undecided submission (asks once more), or start a new draft to edit and resubmit. */
export function PartnerReviewActions({
  registrationId,
  canWithdraw,
  canEdit,
  editLabel,
}: {
  registrationId: string;
  canWithdraw: boolean;
  canEdit: boolean;
  editLabel: string;
}) {
  const [confirm, setConfirm] = useState(false);
  const { pending, result, submit } = usePostForm(
    // Starting a new draft redirects to the editor when it works.
    (_previous: null, run: "edit" | "withdraw") => (run === "edit" ? editAgainAction : withdrawAction)(null, { registrationId }),
    { toast: "Done.", refresh: true, onSettled: () => setConfirm(false) },
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canEdit ? (
          <Button loading={pending} onClick={() => submit("edit")}>
            {editLabel}
          </Button>
        ) : null}
        {canWithdraw && !confirm ? (
          <Button variant="secondary" onClick={() => setConfirm(true)}>
            Withdraw submission
          </Button>
        ) : null}
        {confirm ? (
          <>
            <Button variant="danger" loading={pending} autoFocus onClick={() => submit("withdraw")}>
              Confirm: withdraw
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
          </>
        ) : null}
      </div>
      <FormError result={result} fields={[]} />
    </div>
  );
}
