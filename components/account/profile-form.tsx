"use client";
import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/toast";
import { InlineForm } from "@/components/forms/inline-form";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { changeNameAction } from "@/lib/auth/account-settings-actions";

export function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, result } = useActionForm(
    () => import("@/lib/validation/account").then((m) => m.changeNameSchema),
    changeNameAction,
    { name },
    {
      onSuccess: (r) => {
        toast(r.message ?? "Saved.", { tone: "success" });
        router.refresh();
      },
    },
  );
  return (
    <InlineForm onSubmit={onSubmit} pending={pending} result={result} submitLabel="Save name">
      <TextField form={form} name="name" label="Your name" autoComplete="name" hint="Shown to your team and to reviewers." />
    </InlineForm>
  );
}
