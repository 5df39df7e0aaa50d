import "server-only";
import { authorizationCodeGrant, fetchProtectedResource, fetchUserInfo, refreshTokenGrant, skipSubjectCheck, type Configuration } from "openid-client";
import { planApiCall } from "./api-call";
import { configure, type TestClient } from "./client";
import { explain, explainOAuthError, problemForOAuthError, type ProblemCode } from "./explanations";
import { explainFailure } from "./failures";
import type { HttpRecorder } from "./http-recorder";
import { decodedToken } from "./jwt";
import { redactUrl, type Redactor } from "./redact";
import { STEP_IDS, STEP_TITLES, type DecodedToken, type Explanation, type Step, type StepId } from "./types";

// The steps after the browser comes back: consent (as seen from the callback), the callback
// checks, the token exchange, the API call and the refresh grant. Each step catches its own
// failure and turns it into an explanation; later steps are then recorded as skipped.

export type CallbackContext = {
  steps: Step[];
  params: URLSearchParams;
  state: string;
  redirectUri: string;
  requestedScopes: string[];
  codeVerifier: string;
  nonce: string | null;
  createdAt: Date;
  arrivedAt: Date;
  /** The issuer the authorization request went to (compared with the callback's iss). */
  issuer?: string;
  /** The client to authenticate as, or why there is none. */
  client: TestClient | { problem: ProblemCode };
  embedded: boolean;
  appUrl: string;
  testApiUrl?: string;
  recorder: HttpRecorder;
  redactor: Redactor;
  onUnexpected: (stepId: StepId, error: unknown) => void;
};

/** Errors the server returns before it asks the user anything. */
const REQUEST_ERRORS = new Set<ProblemCode>(["invalid_request", "invalid_scope", "unauthorized_client", "unsupported_response_type", "redirect_uri_mismatch"]);

function step(id: StepId, status: Step["status"], startedAt: Date, durationMs: number, extra: Partial<Step> = {}): Step {
  return { id, title: STEP_TITLES[id], status, startedAt: startedAt.toISOString(), durationMs: Math.max(0, Math.round(durationMs)), ...extra };
}

const timer = () => {
  const at = new Date();
  const t0 = performance.now();
  return { at, elapsed: () => performance.now() - t0 };
};

function skipRemaining(steps: Step[], reason = "Not run: an earlier step failed.") {
  const done = new Set(steps.map((s) => s.id));
  for (const id of STEP_IDS) if (!done.has(id)) steps.push(step(id, "skipped", new Date(), 0, { summary: reason }));
}

const split = (scope: unknown) => (typeof scope === "string" ? scope.split(" ").filter(Boolean) : undefined);

function tokensOf(response: { access_token?: unknown; id_token?: unknown }, prefix = ""): DecodedToken[] {
  return [decodedToken(`${prefix}ID token`, response.id_token), decodedToken(`${prefix}Access token`, response.access_token)].filter((t): t is DecodedToken =>
    Boolean(t),
  );
}

function failWith(ctx: CallbackContext, id: StepId, t: ReturnType<typeof timer>, mark: number, error: unknown, extra: Partial<Step> = {}): Step {
  const exchanges = ctx.recorder.since(mark);
  const last = exchanges.at(-1);
  const failure = explainFailure(error, last);
  if (!failure.expected) ctx.onUnexpected(id, error);
  return step(id, "failed", t.at, t.elapsed(), { http: last, explanation: failure.explanation, ...extra });
}

/** Consent and callback, from what the callback carries. Returns false when the flow stops here. */
function recordReturn(ctx: CallbackContext, config: Configuration | undefined): boolean {
  const { params, steps } = ctx;
  const auth = steps.find((s) => s.id === "authorization_request");
  const consentStart = auth ? new Date(Date.parse(auth.startedAt) + auth.durationMs) : ctx.createdAt;
  const consentMs = ctx.arrivedAt.getTime() - consentStart.getTime();
  const error = params.get("error");
  const callbackHttp = { request: { method: "GET", url: redactUrl(`${ctx.redirectUri}?${params.toString()}`), headers: {}, body: null } };

  if (error) {
    const explanation: Explanation = explainOAuthError(error, params.get("error_description"));
    const beforeConsent = REQUEST_ERRORS.has(problemForOAuthError(error, params.get("error_description")));
    if (beforeConsent && auth) Object.assign(auth, { status: "failed", explanation });
    steps.push(
      beforeConsent
        ? step("consent", "skipped", consentStart, consentMs, { summary: "The server refused the request before asking the user." })
        : step("consent", "failed", consentStart, consentMs, { summary: `The server sent the browser back with error=${error}.`, explanation }),
    );
    steps.push(
      step("callback", "passed", ctx.arrivedAt, 0, { summary: "The browser came back to the callback with an error instead of a code.", http: callbackHttp }),
    );
    return false;
  }
  steps.push(step("consent", "passed", consentStart, consentMs, { summary: "The user signed in and approved the request at the authorization server." }));

  const iss = params.get("iss");
  const issAdvertised = config?.serverMetadata().authorization_response_iss_parameter_supported === true;
  let problem: Explanation | undefined;
  const expectedIssuer = config?.serverMetadata().issuer ?? ctx.issuer;
  if (iss !== null && expectedIssuer && iss !== expectedIssuer) problem = explain("issuer_mismatch", `iss=${iss.slice(0, 200)}`);
  else if (iss === null && issAdvertised) problem = explain("issuer_mismatch", "the server advertises the iss parameter but the callback has none");
  else if (!params.get("code")) problem = explain("code_missing");
  const notes = [
    "state matched the run started by you, within its 10-minute limit, and was marked as used.",
    iss !== null ? `iss matched the issuer (RFC 9207).` : "The server sent no iss parameter.",
  ];
  steps.push(
    problem
      ? step("callback", "failed", ctx.arrivedAt, 0, { http: callbackHttp, explanation: problem })
      : step("callback", "passed", ctx.arrivedAt, 0, { summary: "The browser came back with an authorization code.", http: callbackHttp, notes }),
  );
  return !problem;
}

export async function runCallbackSteps(ctx: CallbackContext): Promise<Step[]> {
  const { steps, recorder, redactor } = ctx;
  redactor.add(ctx.params.get("code")).add(ctx.codeVerifier).add(ctx.state);

  let config: Configuration | undefined;
  let setupError: unknown;
  const setup = timer();
  const setupMark = recorder.mark();
  if (!("problem" in ctx.client)) {
    try {
      config = await configure(ctx.client, recorder);
    } catch (error) {
      setupError = error;
    }
  }

  if (!recordReturn(ctx, config)) return finish(steps);

  // Token exchange
  const t = timer();
  if ("problem" in ctx.client) {
    steps.push(step("token_exchange", "failed", t.at, 0, { explanation: explain(ctx.client.problem) }));
    return finish(steps);
  }
  if (!config) {
    steps.push(failWith(ctx, "token_exchange", setup, setupMark, setupError));
    return finish(steps);
  }
  const currentUrl = new URL(ctx.redirectUri);
  currentUrl.search = ctx.params.toString();
  let mark = recorder.mark();
  let tokens: Awaited<ReturnType<typeof authorizationCodeGrant>>;
  try {
    tokens = await authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: ctx.codeVerifier,
      expectedState: ctx.state,
      expectedNonce: ctx.nonce ?? undefined,
    });
  } catch (error) {
    steps.push(failWith(ctx, "token_exchange", t, mark, error, { scopes: { requested: ctx.requestedScopes, granted: [] } }));
    return finish(steps);
  }
  redactor.add(tokens.access_token).add(tokens.refresh_token).add(tokens.id_token);
  const granted = split(tokens.scope) ?? ctx.requestedScopes;
  const received = ["an access token", tokens.id_token ? "an ID token" : "", tokens.refresh_token ? "a refresh token" : ""].filter(Boolean);
  steps.push(
    step("token_exchange", "passed", t.at, t.elapsed(), {
      summary: `Received ${received.join(", ")} (${tokens.token_type ?? "bearer"}, expires in ${tokens.expires_in ?? "?"} s).`,
      http: recorder.since(mark).at(-1),
      tokens: tokensOf(tokens),
      scopes: { requested: ctx.requestedScopes, granted },
      notes: tokens.scope ? undefined : ["The response lists no scope: the server granted every requested scope (RFC 6749, section 5.1)."],
    }),
  );

  // API call
  const a = timer();
  const metadata = config.serverMetadata();
  const plan = planApiCall({
    embedded: ctx.embedded,
    appUrl: ctx.appUrl,
    grantedScopes: granted,
    openidRequested: ctx.requestedScopes.includes("openid"),
    userinfoEndpoint: metadata.userinfo_endpoint,
    testApiUrl: ctx.testApiUrl,
  });
  mark = recorder.mark();
  if (plan.kind === "skip") steps.push(step("api_call", "skipped", a.at, 0, { summary: plan.reason }));
  else {
    try {
      if (plan.kind === "userinfo") {
        const sub = tokens.claims()?.sub;
        await fetchUserInfo(config, tokens.access_token, sub ?? skipSubjectCheck);
      } else {
        const response = await fetchProtectedResource(config, tokens.access_token, new URL(plan.url), "GET");
        if (!response.ok) {
          const code: ProblemCode = response.status === 401 ? "invalid_token" : response.status === 403 ? "insufficient_scope" : "api_error";
          throw Object.assign(new Error("api"), { apiProblem: code, status: response.status });
        }
      }
      steps.push(
        step("api_call", "passed", a.at, a.elapsed(), { summary: `Called ${plan.description} with the access token.`, http: recorder.since(mark).at(-1) }),
      );
    } catch (error) {
      const apiProblem = (error as { apiProblem?: ProblemCode }).apiProblem;
      const last = recorder.since(mark).at(-1);
      steps.push(
        apiProblem
          ? step("api_call", "failed", a.at, a.elapsed(), { http: last, explanation: explain(apiProblem, `HTTP ${(error as { status?: number }).status}`) })
          : failWith(ctx, "api_call", a, mark, error),
      );
    }
  }

  // Refresh
  const r = timer();
  if (!tokens.refresh_token) {
    steps.push(step("refresh", "skipped", r.at, 0, { summary: "No refresh token was issued.", explanation: explain("no_refresh_token") }));
    return finish(steps);
  }
  mark = recorder.mark();
  try {
    const refreshed = await refreshTokenGrant(config, tokens.refresh_token);
    redactor.add(refreshed.access_token).add(refreshed.refresh_token).add(refreshed.id_token);
    const rotated = refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token;
    steps.push(
      step("refresh", "passed", r.at, r.elapsed(), {
        summary: `Received a new access token${rotated ? " and a new refresh token (the old one is now invalid: rotation)" : "; the refresh token stays the same"}.`,
        http: recorder.since(mark).at(-1),
        tokens: tokensOf(refreshed, "New "),
        scopes: { requested: granted, granted: split(refreshed.scope) ?? granted },
      }),
    );
  } catch (error) {
    steps.push(failWith(ctx, "refresh", r, mark, error));
  }
  return finish(steps);
}

function finish(steps: Step[]): Step[] {
  if (steps.some((s) => s.status === "failed")) skipRemaining(steps);
  else skipRemaining(steps, "Not run.");
  return STEP_IDS.flatMap((id) => steps.filter((s) => s.id === id));
}
