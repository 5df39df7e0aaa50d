import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser, isAdmin, isMember, type MemberUser, type SessionUser } from "@/lib/auth/guards";
import { z } from "zod";
import { DomainError, GENERIC_ERROR, describeError, toFieldErrors } from "@/lib/errors";
import { isUuid } from "@/lib/db/ids";
import { log } from "@/lib/log";
import { cleanInput, cleanText, parseJsonText, pathName, refusalMessage, type Problem } from "./clean-input";
import { withRouteHeaders } from "./route-headers";

// Every route handler is built with `route(access, input, handler)`: it authenticates and
// authorizes, then reads and parses the path parameters, the query string and the body with
// the zod schemas in `input`, before the handler runs. One contract for what the request
// itself gets wrong:
//   400 invalid_request  the body is not JSON or not UTF-8, a value fails its schema (with
//                        field_errors), or text cannot be stored (NUL, lone surrogates);
//   404 not_found        a path parameter names nothing (a malformed id names nothing);
//   413 payload_too_large, 415 unsupported_media_type.
// Refusals of the domain (422 invalid, 409 conflict, ...) are DomainErrors thrown by services;
// lib/errors.ts maps each to its status. Anything else is logged and answered with a generic
// 500 that carries no detail. Every answer carries a Content-Security-Policy: the handler's
// own, or the strict default for non-page responses. Everything read follows the input rule
// of ./clean-input.ts.

type Access = "public" | "user" | "member" | "admin";
type Context = {
  public: { user: SessionUser | null };
  user: { user: SessionUser };
  member: { user: MemberUser };
  admin: { user: SessionUser };
};

type Body<S extends z.ZodType> = {
  /** json; form (application/x-www-form-urlencoded); or either, by Content-Type. */
  type: "json" | "form" | "json_or_form";
  schema: S;
  maxBytes: number;
  /** The message when the body fails its schema (default: the first problem zod found). */
  invalid?: string;
  /** The JSON `error` code when the body fails its schema (default invalid_request). */
  code?: string;
};

type Input<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  params?: P;
  query?: Q;
  body?: Body<B>;
  /** Answers a refusal of the request (before the handler) in another form, e.g. as a page. */
  refusal?: (error: DomainError) => Response;
};

type Parsed<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** How the body came (for handlers that answer a form post with a redirect). */
  bodyType: "json" | "form" | null;
};

/** The path parameters of a route under a resource id: a malformed id names nothing (404). */
export const idParams = z.object({ id: z.string().refine(isUuid) });

export function jsonError(status: number, code: string, description: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error: code, error_description: description, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

async function authorize<A extends Access>(access: A): Promise<Context[A]> {
  const user = await getCurrentUser();
  if (access === "public") return { user } as Context[A];
  if (!user) throw new DomainError("unauthenticated", "Sign in to use this endpoint.");
  if (access === "member" && !isMember(user)) throw new DomainError("forbidden", "Only members of a partner organization can do this.");
  if (access === "admin" && !isAdmin(user)) throw new DomainError("not_found", "Not found.");
  return { user } as Context[A];
}

function refused(problem: Problem, what: string) {
  return new DomainError("invalid_request", refusalMessage({ problem, path: [] }, what));
}

function cleanParams(params: Record<string, unknown>): Record<string, unknown> {
  const cleaned = cleanInput(params);
  if (!cleaned.ok) throw refused(cleaned.refusal.problem, `the path segment "${pathName(cleaned.refusal.path.slice(0, 1))}"`);
  return cleaned.value as Record<string, unknown>;
}

function cleanQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of search) {
    const name = cleanText(key);
    if (!name.ok) throw refused(name.problem, "a query parameter's name");
    const text = cleanText(value);
    if (!text.ok) throw refused(text.problem, `the query parameter "${pathName([name.value])}"`);
    // fromEntries semantics: the last value of a repeated name wins, and "__proto__" stays a key.
    Object.defineProperty(out, name.value, { value: text.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function schemaError(error: z.ZodError, message: string | undefined, code = "invalid_request") {
  return new DomainError("invalid_request", message ?? error.issues[0]?.message ?? "The request is invalid.", {
    code,
    fieldErrors: toFieldErrors(error),
    extra: { field_errors: toFieldErrors(error) },
  });
}

async function readInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  request: NextRequest,
  rawParams: Record<string, unknown>,
  input: Input<P, Q, B>,
): Promise<Parsed<P, Q, B>> {
  const params = input.params ? input.params.safeParse(cleanParams(rawParams)) : { success: true as const, data: cleanParams(rawParams) };
  if (!params.success) throw new DomainError("not_found", "Nothing exists at this address.");
  const rawQuery = cleanQuery(request.nextUrl.searchParams);
  const query = input.query ? input.query.safeParse(rawQuery) : { success: true as const, data: rawQuery };
  if (!query.success) throw schemaError(query.error, undefined);
  let body: unknown = undefined;
  let bodyType: "json" | "form" | null = null;
  if (input.body) {
    const { type, maxBytes } = input.body;
    const isForm = /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");
    bodyType = type === "form" || (type === "json_or_form" && isForm) ? "form" : "json";
    const raw = bodyType === "form" ? await readForm(request, maxBytes) : await readJson(request, maxBytes);
    const parsed = input.body.schema.safeParse(raw);
    if (!parsed.success) throw schemaError(parsed.error, input.body.invalid, input.body.code);
    body = parsed.data;
  }
  return { params: params.data, query: query.data, body, bodyType } as Parsed<P, Q, B>;
}

function answer(error: unknown, path: string): Response {
  const known = describeError(error);
  if (!known) {
    log.error("route.failed", { path, error: error instanceof Error ? error.stack : String(error) });
    return jsonError(500, "server_error", GENERIC_ERROR);
  }
  const response = jsonError(known.status, known.httpCode, known.message, known.extra);
  if (known.status === 503) response.headers.set("Retry-After", "5");
  return response;
}

export function route<
  A extends Access,
  P extends z.ZodType = z.ZodType<Record<string, string>>,
  Q extends z.ZodType = z.ZodType<Record<string, string>>,
  B extends z.ZodType = z.ZodUndefined,
>(access: A, input: Input<P, Q, B>, handler: (request: NextRequest, ctx: Context[A] & Parsed<P, Q, B>) => Promise<Response>) {
  // Next passes the path parameters as a promise; handlers without any may be called without it.
  return async (request: NextRequest, context?: { params: Promise<Record<string, unknown>> }): Promise<Response> => {
    let parsed: Parsed<P, Q, B>;
    let ctx: Context[A];
    try {
      ctx = await authorize(access);
      parsed = await readInput(request, (await context?.params) ?? {}, input);
    } catch (error) {
      if (error instanceof DomainError && input.refusal) return withRouteHeaders(input.refusal(error));
      return withRouteHeaders(answer(error, request.nextUrl.pathname));
    }
    try {
      return withRouteHeaders(await handler(request, { ...ctx, ...parsed }));
    } catch (error) {
      return withRouteHeaders(answer(error, request.nextUrl.pathname));
    }
  };
}

/**
 * Every method of an address under /api/ or /sandbox/v1/ that no route handler answers: a JSON
 * 404. Without it such a request reached Next.js's not-found page, which runs server actions
 * (a form posted there from another site got a 500 from Next.js's own Origin check).
 */
export const unknownAddress = route("public", {}, async () => {
  throw new DomainError("not_found", "Nothing exists at this address.");
});

/** Reads the body up to `maxBytes` (413 beyond), without trusting Content-Length alone. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A client that hangs up mid-body (ECONNRESET) made a bad request, not a server failure.
    const { done, value } = await reader.read().catch(() => {
      throw new DomainError("invalid_request", "The request body could not be read: the connection closed before it ended.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number) {
  const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new DomainError("too_large", `The request body is larger than ${limit}.`);
}

/** A form-encoded body as an object, cleaned: 413 when too large, 400 when refused. */
export async function readForm(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readBody(request, maxBytes));
  const cleaned = cleanInput(Object.fromEntries(new URLSearchParams(text)));
  if (!cleaned.ok) throw new DomainError("invalid_request", refusalMessage(cleaned.refusal, "the form"));
  return cleaned.value as Record<string, unknown>;
}

/** A JSON body, cleaned: 415 for another content type, 413 when too large, 400 when not JSON or refused. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const bytes = await readBody(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("invalid_request", "The body is not valid JSON: it is not UTF-8 text.");
  }
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  if ("syntax" in parsed) throw new DomainError("invalid_request", "The body is not valid JSON.");
  throw new DomainError("invalid_request", refusalMessage(parsed.refusal, "the request body"));
}
