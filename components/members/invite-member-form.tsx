"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { FormMessage } from "@/components/forms/form-message";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { inviteMemberAction } from "@/lib/auth/account-actions";
import { inviteSchema } from "@/lib/validation/account";

export function InviteMemberForm() {
  const router = useRouter();
  const { form, onSubmit, pending, result } = useActionForm(inviteSchema, inviteMemberAction, { email: "" }, {
    onSuccess: (r) => {
      toast(r.message ?? "Invitation sent.", { tone: "success" });
      form.reset({ email: "" });
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <div className="flex-1">
        <TextField form={form} name="email" label="Colleague's e-mail" type="email" autoComplete="off" />
      </div>
      <Button type="submit" loading={pending} className="sm:mt-6">
        Send invitation
      </Button>
      {result && !result.ok && !result.fieldErrors ? <FormMessage result={result} /> : null}
    </form>
  );
}
