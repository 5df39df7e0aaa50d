"use client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { usePostForm } from "@/components/forms/use-post-form";
import { prepareForProductionAction } from "@/lib/actions/registrations";

/** "Prepare for Production": the action redirects to the Production draft (new or existing). */
export function PrepareProductionButton({ registrationId }: { registrationId: string }) {
  const { pending, result, submit } = usePostForm((_previous: null, _run: "prepare") => prepareForProductionAction(null, { registrationId }));
  return (
    <div className="space-y-2">
      <Button loading={pending} onClick={() => submit("prepare")}>
        Prepare for Production
      </Button>
      <FormError result={result} fields={[]} />
    </div>
  );
}
