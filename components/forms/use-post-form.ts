"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, type FormEvent } from "react";
import { toast as showToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/safe-action";

type Success<T> = Extract<ActionResult<T>, { ok: true }>;

/**
 * The small forms that only post (a decision, a comment, a rotation, an import, claim, withdraw):
 * no browser-side validation, the action's last answer kept by useActionState for FieldError
 * and FormError. `submit` is called from onSubmit rather than given as <form action>: React
 * resets a form after a function action, which would erase what was typed when the server
 * refused it.
 */
export function usePostForm<P, T = undefined>(
  action: (prev: null, payload: P) => Promise<ActionResult<T>>,
  options: {
    /** Toast a success with the action's message, or this one. */
    toast?: string;
    /** Re-render the page's server components after the answer (the workflow state changed). */
    refresh?: boolean;
    onSuccess?: (result: Success<T>) => void;
    onSettled?: () => void;
  } = {},
) {
  const router = useRouter();
  const [result, dispatch, pending] = useActionState(async (_previous: ActionResult<T> | null, payload: P) => {
    // An action that redirects (to the editor, to a new draft) answers nothing.
    const answer = ((await action(null, payload)) as ActionResult<T> | undefined) ?? null;
    if (answer?.ok) {
      if (options.toast) showToast(answer.message ?? options.toast, { tone: "success" });
      options.onSuccess?.(answer);
    }
    if (answer) options.onSettled?.();
    if (answer && options.refresh) router.refresh();
    return answer;
  }, null);
  const submit = (payload: P) => startTransition(() => dispatch(payload));
  /** The <form> props that post `payload()` on submit (the server validates; no browser bubbles). */
  const formProps = (payload: () => P) => ({
    noValidate: true,
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      submit(payload());
    },
  });
  return { result, pending, submit, formProps };
}
