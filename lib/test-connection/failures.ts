import "server-only";
import { AuthorizationResponseError, ClientError, ResponseBodyError, WWWAuthenticateChallengeError } from "openid-client";
import { SetupError } from "./client";
import { explain, explainOAuthError } from "./explanations";
import type { Explanation, HttpExchange } from "./types";

// Turns whatever a step threw into a catalogue explanation. Only the server's own OAuth error
// fields and fixed library codes are quoted, never the message of an unexpected exception.

export type Failure = { explanation: Explanation; /** false: a bug or an unforeseen case, worth a log line */ expected: boolean };

function bodyError(exchange: HttpExchange | undefined): { error: string; description?: string } | undefined {
  const body = exchange?.response?.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const { error, error_description } = body as Record<string, unknown>;
  if (typeof error !== "string") return undefined;
  return { error, description: typeof error_description === "string" ? error_description : undefined };
}

export function explainFailure(error: unknown, lastExchange?: HttpExchange): Failure {
  if (error instanceof SetupError) return { explanation: explain(error.problem, error.detail), expected: true };
  if (lastExchange?.networkError) return { explanation: explain("server_unreachable", lastExchange.networkError), expected: true };
  if (error instanceof AuthorizationResponseError || error instanceof ResponseBodyError) {
    return { explanation: explainOAuthError(error.error, error.error_description), expected: true };
  }
  if (error instanceof WWWAuthenticateChallengeError) {
    const params = error.cause.find((c) => c.parameters.error)?.parameters;
    if (params?.error) return { explanation: explainOAuthError(params.error, params.error_description), expected: true };
  }
  const fromBody = bodyError(lastExchange);
  if (fromBody) return { explanation: explainOAuthError(fromBody.error, fromBody.description), expected: true };
  if (error instanceof WWWAuthenticateChallengeError) {
    return { explanation: explain(error.status === 401 ? "invalid_token" : "api_error", `HTTP ${error.status}`), expected: true };
  }
  if (error instanceof ClientError) {
    const code = error.code ?? "";
    if (code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT") return { explanation: explain("server_unreachable", "the request timed out"), expected: true };
    if (code.startsWith("OAUTH_JWT_")) return { explanation: explain("id_token_invalid", code), expected: true };
    const status = lastExchange?.response?.status;
    if (status && status >= 500) return { explanation: explain("server_error", `HTTP ${status}`), expected: true };
    if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || code === "OAUTH_RESPONSE_IS_NOT_JSON") {
      return { explanation: explain("unknown", status ? `unexpected HTTP ${status} response` : code), expected: true };
    }
    return { explanation: explain("unknown", code || undefined), expected: false };
  }
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return { explanation: explain("server_unreachable", "the request timed out"), expected: true };
  return { explanation: explain("unknown"), expected: false };
}
