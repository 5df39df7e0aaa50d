"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/toast";
import { InlineForm } from "@/components/forms/inline-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { inviteMemberAction } from "@/lib/auth/account-actions";

export function InviteMemberForm() {
  const router = useRouter();
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.inviteSchema),
    inviteMemberAction,
    { email: "" },
    {
      onSuccess: (r) => {
        toast(r.message ?? "Invitation sent.", { tone: "success" });
        form.reset({ email: "" });
        router.refresh();
      },
    },
  );
  return (
    <InlineForm onSubmit={onSubmit} pending={pending} result={result} submitLabel="Send invitation">
      <TextField form={form} name="email" label="Colleague's e-mail" type="email" autoComplete="off" />
    </InlineForm>
  );
}
