import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser, isAdmin, isMember, type MemberUser, type SessionUser } from "@/lib/auth/guards";
import { UNAVAILABLE_MESSAGE, isDatabaseUnavailable, markDatabaseDown } from "@/lib/db/availability";
import { log } from "@/lib/log";
import { cleanInput, cleanText, parseJsonText, pathName, refusalMessage, type Problem } from "./clean-input";
import { withDefaultCsp } from "./route-csp";

// Every route handler is built with `route(access, handler)`: it authenticates and authorizes
// before the handler runs and turns failures into JSON with an explicit status. Expected
// failures are thrown as HttpError; anything else is logged and answered with a generic 500
// that carries no detail of the error. Every answer carries a Content-Security-Policy: the
// handler's own, or the strict default for non-page responses. Path parameters, the query
// string and JSON bodies (readJson) follow the input rule of ./clean-input.ts: handlers get
// `params` and `query` already cleaned, and text that cannot be stored is answered with 400.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Access = "public" | "user" | "member" | "admin";
type Context = {
  public: { user: SessionUser | null };
  user: { user: SessionUser };
  member: { user: MemberUser };
  admin: { user: SessionUser };
};

export function jsonError(status: number, code: string, description: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error: code, error_description: description, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

async function authorize<A extends Access>(access: A): Promise<Context[A]> {
  const user = await getCurrentUser();
  if (access === "public") return { user } as Context[A];
  if (!user) throw new HttpError(401, "unauthenticated", "Sign in to use this endpoint.");
  if (access === "member" && !isMember(user)) throw new HttpError(403, "forbidden", "Only members of a partner organization can do this.");
  if (access === "admin" && !isAdmin(user)) throw new HttpError(404, "not_found", "Not found.");
  return { user } as Context[A];
}

function refused(problem: Problem, what: string) {
  return new HttpError(400, "invalid_request", refusalMessage({ problem, path: [] }, what));
}

/** The path parameters, cleaned (a catch-all segment is an array). */
function cleanParams<P>(params: P): P {
  const cleaned = cleanInput(params);
  if (!cleaned.ok) throw refused(cleaned.refusal.problem, `the path segment "${pathName(cleaned.refusal.path.slice(0, 1))}"`);
  return cleaned.value as P;
}

function cleanQuery(search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of search) {
    const name = cleanText(key);
    if (!name.ok) throw refused(name.problem, "a query parameter's name");
    const text = cleanText(value);
    if (!text.ok) throw refused(text.problem, `the query parameter "${pathName([name.value])}"`);
    out.append(name.value, text.value);
  }
  return out;
}

export function route<A extends Access, P extends Record<string, string> = Record<string, string>>(
  access: A,
  handler: (request: NextRequest, ctx: Context[A] & { params: P; query: URLSearchParams }) => Promise<Response>,
) {
  return async (request: NextRequest, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await authorize(access);
      const input = { params: cleanParams(await params), query: cleanQuery(request.nextUrl.searchParams) };
      return withDefaultCsp(await handler(request, { ...ctx, ...input }));
    } catch (error) {
      if (error instanceof HttpError) return withDefaultCsp(jsonError(error.status, error.code, error.message, error.extra));
      if (isDatabaseUnavailable(error)) {
        markDatabaseDown();
        const response = withDefaultCsp(jsonError(503, "service_unavailable", UNAVAILABLE_MESSAGE));
        response.headers.set("Retry-After", "5");
        return response;
      }
      log.error("route.failed", { path: request.nextUrl.pathname, error: error instanceof Error ? error.stack : String(error) });
      return withDefaultCsp(jsonError(500, "server_error", "Something went wrong on our side. Please try again in a moment."));
    }
  };
}

/** Reads the body up to `maxBytes` (413 beyond), without trusting Content-Length alone. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
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
  return new HttpError(413, "payload_too_large", `The request body is larger than ${limit}.`);
}

/** A form-encoded body as an object, cleaned: 413 when too large, 400 when refused. */
export async function readForm(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readBody(request, maxBytes));
  const cleaned = cleanInput(Object.fromEntries(new URLSearchParams(text)));
  if (!cleaned.ok) throw new HttpError(400, "invalid_request", refusalMessage(cleaned.refusal, "the form"));
  return cleaned.value as Record<string, unknown>;
}

/** A JSON body, cleaned: 415 for another content type, 413 when too large, 400 when not JSON or refused. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const bytes = await readBody(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "invalid_request", "The body is not valid JSON: it is not UTF-8 text.");
  }
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  if ("syntax" in parsed) throw new HttpError(400, "invalid_request", "The body is not valid JSON.");
  throw new HttpError(400, "invalid_request", refusalMessage(parsed.refusal, "the request body"));
}
