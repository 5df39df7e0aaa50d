import "server-only";
import type { CustomFetch } from "openid-client";
import { testConnectionHeaders } from "@/lib/oauth/test-connection-marker";
import { readableBody, redactHeaders, redactParams, redactUrl } from "./redact";
import type { HttpExchange } from "./types";

// openid-client's customFetch hook: every request the flow makes goes through `fetch` here,
// and a redacted copy of the request and response is kept for the timeline. The value-based
// scrub (Redactor) runs again on the whole run before it is stored.

/** Statuses whose Response may not have a body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const RECORDED_RESPONSE_HEADERS = new Set(["content-type", "cache-control", "pragma", "www-authenticate", "location", "dpop-nonce", "retry-after"]);

function requestBody(body: unknown): unknown {
  if (body === null || body === undefined) return null;
  if (body instanceof URLSearchParams) return redactParams(body);
  if (typeof body === "string") return readableBody(body, "application/x-www-form-urlencoded");
  return "(binary body)";
}

/** A network failure in plain words (the raw error may name internal hosts; keep it short). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") return "the request timed out";
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name did not resolve";
    case "ECONNRESET":
      return "the connection was reset";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "the connection timed out";
    default:
      return typeof code === "string" && /^[A-Z_]+$/.test(code) ? `network error (${code})` : "network error";
  }
}

export class HttpRecorder {
  readonly exchanges: HttpExchange[] = [];
  /** Set when the last request failed at the network level. */
  networkFailure: string | undefined;

  /** Marks where a step begins, so `since` returns only that step's exchanges. */
  mark(): number {
    return this.exchanges.length;
  }

  since(mark: number): HttpExchange[] {
    return this.exchanges.slice(mark);
  }

  readonly fetch: CustomFetch = async (url, options) => {
    const exchange: HttpExchange = {
      request: {
        method: options.method,
        url: redactUrl(url),
        headers: redactHeaders(options.headers),
        body: requestBody(options.body),
      },
    };
    this.exchanges.push(exchange);
    this.networkFailure = undefined;
    let response: Response;
    try {
      // The marker (lib/oauth/test-connection-marker.ts) is added after recording: it is the
      // portal's, not part of the OAuth request the partner's app would send.
      const headers = { ...options.headers, ...testConnectionHeaders(url) };
      response = await fetch(url, { ...options, headers } as RequestInit);
    } catch (error) {
      exchange.networkError = describeNetworkError(error);
      this.networkFailure = exchange.networkError;
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) if (RECORDED_RESPONSE_HEADERS.has(name)) headers[name] = value;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      exchange.response = { status: response.status, headers: redactHeaders(headers), body: "(the body could not be read)" };
      throw error;
    }
    exchange.response = { status: response.status, headers: redactHeaders(headers), body: readableBody(text, response.headers.get("content-type")) };
    // The body is read once and handed on as a new Response: response.clone() tees the stream,
    // which cost more than the rest of the recording.
    const { status, statusText } = response;
    return new Response(NULL_BODY_STATUSES.has(status) ? null : text, { status, statusText, headers: response.headers });
  };
}
