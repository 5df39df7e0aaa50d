import "server-only";
import { ActionError } from "@/lib/actions/safe-action";
import { ReviewError } from "@/lib/db/review";
import { HttpError } from "@/lib/http/route";

const STATUS = { not_found: 404, conflict: 409, forbidden: 403, invalid: 422, upstream: 502 } as const;

/** The JSON API's answer to a workflow refusal: 404, 409 (conflict), 403, 422, or 502 when the authorization server refused or was unreachable. */
export function reviewErrorToHttp(error: ReviewError): HttpError {
  return new HttpError(STATUS[error.kind], error.kind, error.message);
}

/** For server actions: a workflow refusal becomes the form's message (kind as its code). */
export function rethrowAsActionError(error: unknown): never {
  if (error instanceof ReviewError) throw new ActionError(error.message, undefined, error.kind);
  throw error;
}
