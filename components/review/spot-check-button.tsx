"use client";
import { usePostForm } from "@/components/forms/use-post-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { spotCheckAction } from "@/lib/actions/policy";

/** An admin looked at an auto-approved configuration (audited). */
export function SpotCheckButton({ registrationId }: { registrationId: string }) {
  const { pending, result, formProps } = usePostForm(spotCheckAction, { toast: "Marked as spot-checked.", refresh: true });
  return (
    <form className="space-y-2" {...formProps(() => ({ registrationId }))}>
      <Button type="submit" variant="secondary" loading={pending}>
        Mark spot-checked
      </Button>
      <FormError result={result} fields={[]} />
    </form>
  );
}
