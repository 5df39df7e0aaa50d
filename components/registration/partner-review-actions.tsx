"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { editAgainAction, withdrawAction } from "@/lib/actions/review";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Withdraw an undecided submission (asks once more), or start a new draft to edit and resubmit. */
export function PartnerReviewActions({ registrationId, canWithdraw, canEdit, editLabel }: {
  registrationId: string;
  canWithdraw: boolean;
  canEdit: boolean;
  editLabel: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string>();
  const run = (fn: () => Promise<ActionResult | undefined>) =>
    start(async () => {
      const r = await fn();
      if (!r) return; // redirected to the editor
      if (r.ok) toast(r.message ?? "Done.", { tone: "success" });
      else setError(r.error);
      setConfirm(false);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canEdit ? <Button loading={pending} onClick={() => run(() => editAgainAction(null, { registrationId }))}>{editLabel}</Button> : null}
        {canWithdraw && !confirm ? <Button variant="secondary" onClick={() => setConfirm(true)}>Withdraw submission</Button> : null}
        {confirm ? (
          <>
            <Button variant="danger" loading={pending} autoFocus onClick={() => run(() => withdrawAction(null, { registrationId }))}>Confirm: withdraw</Button>
            <Button variant="secondary" onClick={() => setConfirm(false)}>Cancel</Button>
          </>
        ) : null}
      </div>
      {error ? <Alert tone="danger">{error}</Alert> : null}
    </div>
  );
}
