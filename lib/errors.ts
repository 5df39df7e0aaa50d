import type { z } from "zod";
import { UNAVAILABLE_MESSAGE, isDatabaseUnavailableError, markDatabaseDown } from "@/lib/db/availability";

// One error for every expected refusal, and one function that says how it is answered. Domain
// services, action() and route() throw DomainError; `describeError` turns it (or a database
// outage) into the HTTP status and body a route handler sends, and into the result a form
// shows. Anything else is a bug: it gets the generic message and is logged by the wrapper.

export type FieldErrors = Record<string, string[]>;

/** A schema's complaints by field path ("contacts.1"); complaints about the whole input are `_form`. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export type ErrorKind =
  | "invalid_request" // 400: the request itself is malformed
  | "unauthenticated" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "conflict" // 409: someone else changed it, or it is in the wrong state
  | "too_large" // 413
  | "unsupported_media_type" // 415
  | "invalid" // 422: well-formed, but the values are refused
  | "locked" // 429: too many attempts for this account
  | "rate_limited" // 429
  | "upstream" // 502: the authorization server refused or was unreachable
  | "unavailable"; // 503: the database is down

const STATUS: Record<ErrorKind, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  locked: 429,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
};

// The JSON `error` code where it differs from the kind (kept stable for API clients).
const HTTP_CODE: Partial<Record<ErrorKind, string>> = { too_large: "payload_too_large", unavailable: "service_unavailable" };

export class DomainError extends Error {
  readonly code: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly extra: Record<string, unknown>;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: { code?: string; fieldErrors?: FieldErrors; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = options.code;
    this.fieldErrors = options.fieldErrors;
    this.extra = options.extra ?? {};
  }
}

export const GENERIC_ERROR = "Something went wrong on our side. Please try again in a moment.";

export type Described = {
  status: number;
  /** The JSON `error` code of a route handler's answer. */
  httpCode: string;
  /** The `code` of a server action's result (absent for plain refusals). */
  actionCode: string | undefined;
  message: string;
  fieldErrors?: FieldErrors;
  extra: Record<string, unknown>;
};

/** How an expected failure is answered, or null for a bug (which the caller logs). */
export function describeError(error: unknown): Described | null {
  if (error instanceof DomainError) {
    return {
      status: STATUS[error.kind],
      httpCode: error.code ?? HTTP_CODE[error.kind] ?? error.kind,
      actionCode: error.code ?? (error.kind === "invalid" ? undefined : error.kind),
      message: error.message,
      fieldErrors: error.fieldErrors,
      extra: error.extra,
    };
  }
  if (isDatabaseUnavailableError(error)) {
    markDatabaseDown();
    return { status: 503, httpCode: "service_unavailable", actionCode: "unavailable", message: UNAVAILABLE_MESSAGE, extra: {} };
  }
  return null;
}
