import "server-only";
import type { ReviewError } from "@/lib/db/review";
import { HttpError } from "@/lib/http/route";

const STATUS = { not_found: 404, conflict: 409, forbidden: 403, invalid: 422 } as const;

/** The JSON API's answer to a workflow refusal: 404, 409 (conflict), 403 or 422. */
export function reviewErrorToHttp(error: ReviewError): HttpError {
  return new HttpError(STATUS[error.kind], error.kind, error.message);
}
