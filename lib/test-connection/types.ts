// The shape of a Test connection run as stored in TestRun.steps and shown on the timeline.
// Pure types and constants: safe to import from client components.

export const STEP_IDS = ["authorization_request", "consent", "callback", "token_exchange", "api_call", "refresh"] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = "passed" | "failed" | "skipped";

/** pending: waiting for the browser to come back; running: callback being processed. */
/** TestRun.status in the database (an enum there too). */
export type RunStatus = "pending" | "running" | "passed" | "failed" | "expired";

export const STEP_TITLES: Record<StepId, string> = {
  authorization_request: "Authorization request",
  consent: "Sign-in and consent at the authorization server",
  callback: "Callback to the redirect URI",
  token_exchange: "Token exchange (code + PKCE verifier)",
  api_call: "API call with the access token",
  refresh: "Refresh token grant",
};

export type HttpExchange = {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  /** Absent when no response came back (the server could not be reached) or the browser made the call. */
  response?: { status: number; headers: Record<string, string>; body: unknown };
  /** A network failure in plain words, e.g. "connection refused". */
  networkError?: string;
};

export type DecodedToken = {
  /** e.g. "ID token", "Access token" */
  label: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
};

export type Explanation = { code: string; problem: string; fix: string };

export type Step = {
  id: StepId;
  title: string;
  status: StepStatus;
  /** ISO 8601 */
  startedAt: string;
  durationMs: number;
  /** One line saying what happened, e.g. "Received an access token, an ID token and a refresh token." */
  summary?: string;
  http?: HttpExchange;
  tokens?: DecodedToken[];
  scopes?: { requested: string[]; granted: string[] };
  explanation?: Explanation;
  /** Facts worth showing that fit nowhere else, e.g. the discovered endpoints. */
  notes?: string[];
};
