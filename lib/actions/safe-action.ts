import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, isAdmin, isMember, type MemberUser, type SessionUser } from "@/lib/auth/guards";
import { DomainError, GENERIC_ERROR, describeError, toFieldErrors, type FieldErrors } from "@/lib/errors";
import { cleanInput, fieldMessage, pathName, refusalMessage } from "@/lib/http/clean-input";
import { log } from "@/lib/log";

// Every server action is built with `action(...)`: it authenticates, authorizes and validates
// before the handler runs, and turns failures into a result the form can show. Expected
// failures are DomainErrors (lib/errors.ts decides how each is shown); anything else is logged
// and answered with a generic message, never with the error's own text. The payload follows
// the input rule of lib/http/clean-input.ts before the schema sees it.

export { GENERIC_ERROR };
export type { FieldErrors };
export type ActionResult<T = undefined> = { ok: true; message?: string; data?: T } | { ok: false; error: string; fieldErrors?: FieldErrors; code?: string };
export type ActionState<T = undefined> = ActionResult<T> | null;

type Access = "public" | "user" | "member" | "owner" | "admin";
type Context = {
  public: { user: SessionUser | null };
  user: { user: SessionUser };
  member: { user: MemberUser };
  owner: { user: MemberUser };
  admin: { user: SessionUser };
};

async function authorize<A extends Access>(access: A): Promise<Context[A]> {
  const user = await getCurrentUser();
  if (access === "public") return { user } as Context[A];
  if (!user) throw new DomainError("unauthenticated", "Your session has ended. Sign in again to continue.");
  const allowed =
    access === "user" ||
    (access === "admin" && isAdmin(user)) ||
    (access === "member" && isMember(user)) ||
    (access === "owner" && isMember(user) && user.membership.role === "OWNER");
  if (!allowed) throw new DomainError("forbidden", "You do not have permission to do this.");
  return { user } as Context[A];
}

// fromEntries, not assignment: a field named "__proto__" must stay a field, never the prototype.
function formDataToObject(data: FormData): Record<string, unknown> {
  return Object.fromEntries([...data.entries()].filter(([key]) => !key.startsWith("$ACTION")));
}

export function action<A extends Access, S extends z.ZodType, T = undefined>(
  access: A,
  schema: S,
  handler: (input: z.output<S>, ctx: Context[A]) => Promise<ActionResult<T> | void>,
) {
  return async (_previous: ActionState<T>, payload: FormData | Record<string, unknown>): Promise<ActionResult<T>> => {
    try {
      const ctx = await authorize(access);
      const cleaned = cleanInput(payload instanceof FormData ? formDataToObject(payload) : payload);
      if (!cleaned.ok) {
        const { refusal } = cleaned;
        const fieldErrors = refusal.path.length ? { [pathName(refusal.path)]: [fieldMessage(refusal.problem)] } : undefined;
        return { ok: false, error: refusalMessage(refusal, "the form"), fieldErrors, code: "invalid_input" };
      }
      const parsed = schema.safeParse(cleaned.value);
      if (!parsed.success) {
        return { ok: false, error: "Some fields need your attention.", fieldErrors: toFieldErrors(parsed.error) };
      }
      return (await handler(parsed.data, ctx)) ?? { ok: true };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const known = describeError(error);
      if (known) return { ok: false, error: known.message, fieldErrors: known.fieldErrors, code: known.actionCode };
      log.error("action.failed", { error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: GENERIC_ERROR };
    }
  };
}
