import "server-only";
import { buildAuthorizationUrl } from "openid-client";
import { consumeRunByState, createTestRun, expireStaleRunsNowAndThen, finishRun, type ConsumedRun } from "@/lib/db/test-runs";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { currentClientSecret, getClientCredentials } from "@/lib/db/credentials";
import { isEmbeddedIssuer } from "@/lib/oauth/issuers";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { hashToken } from "@/lib/security/tokens";
import { runCallbackSteps } from "./callback-steps";
import { configure, supportsOpenId, type TestClient } from "./client";
import { explain, type ProblemCode } from "./explanations";
import { explainFailure } from "./failures";
import { HttpRecorder } from "./http-recorder";
import { createNonce, createPkcePair, createState } from "./pkce";
import { Redactor, redactUrl } from "./redact";
import { STEP_IDS, STEP_TITLES, type Step } from "./types";

// The Test connection flow, server side, without the human steps in between:
//   startRun    -> the authorization URL to send the browser to (run stored, single use, 10 min)
//   completeRun -> given the callback URL the browser came back to: checks, token exchange,
//                  API call, refresh; the run's steps stored, redacted.
// startForRegistration (start.ts, for POST /api/test-connection/start) and the callback route
// call these with the registration's client; tests and benchmarks may pass an issuer and
// credentials explicitly.

export type StartRunInput = {
  registrationId: string;
  userId: string;
  client: Omit<TestClient, "clientSecret">;
  /** Must be one of the client's registered redirect URIs (startForRegistration checks it). */
  redirectUri: string;
  /** The registration's scopes; "openid" is added when the server supports OpenID Connect. */
  scopes: readonly string[];
  /** A secret the portal does not hold, given for this run only: stored encrypted, wiped when the run ends. */
  oneTimeSecret?: string;
};

export type StartRunResult = { ok: true; runId: string; authorizationUrl: string; expiresAt: Date } | { ok: false; runId: string; problem: ProblemCode };

export type CompleteRunInput = {
  /** The URL the browser came back to (only its query string is read). */
  callbackUrl: string | URL;
  /** The signed-in user: must be the one who started the run. */
  userId: string;
  /** Overrides the registration's client (tests, benchmarks). Default: its current credentials. */
  client?: TestClient;
  /** Overrides OAUTH_TEST_API_URL for an external issuer's API step. */
  testApiUrl?: string;
};

export type CompleteRunResult =
  | { outcome: "completed"; runId: string; registrationId: string; status: "passed" | "failed" }
  | { outcome: "expired" | "replayed"; runId: string; registrationId: string }
  | { outcome: "rejected"; problem: Extract<ProblemCode, "state_missing" | "state_unknown" | "state_other_user"> };

const unique = (values: readonly string[]) => [...new Set(values.filter(Boolean))];

export async function startRun(input: StartRunInput): Promise<StartRunResult> {
  await expireStaleRunsNowAndThen();
  const startedAt = new Date();
  const t0 = performance.now();
  const recorder = new HttpRecorder();
  const redactor = new Redactor().add(input.oneTimeSecret, true);
  const pkce = await createPkcePair();
  const state = createState();
  redactor.add(pkce.verifier).add(state);
  const base = {
    registrationId: input.registrationId,
    userId: input.userId,
    stateHash: hashToken(state),
    codeVerifierEnc: encryptSecret(pkce.verifier),
    redirectUri: input.redirectUri,
    createdAt: startedAt,
  };

  let config;
  try {
    config = await configure(input.client, recorder); // no client authentication happens at this step
  } catch (error) {
    const failure = explainFailure(error, recorder.exchanges.at(-1));
    if (!failure.expected)
      log.error("test_connection.start_failed", { registrationId: input.registrationId, error: error instanceof Error ? error.stack : String(error) });
    const steps: Step[] = [
      {
        id: "authorization_request",
        title: STEP_TITLES.authorization_request,
        status: "failed",
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - t0),
        summary: "The portal could not read the authorization server's metadata, so the browser was not sent anywhere.",
        http: recorder.exchanges.at(-1),
        explanation: failure.explanation,
      },
      ...STEP_IDS.slice(1).map((id) => ({
        id,
        title: STEP_TITLES[id],
        status: "skipped" as const,
        startedAt: startedAt.toISOString(),
        durationMs: 0,
        summary: "Not run: an earlier step failed.",
      })),
    ];
    const run = await createTestRun({
      ...base,
      nonce: null,
      oneTimeSecretEnc: null,
      scope: unique(input.scopes).join(" "),
      steps: redactor.scrub(steps),
      failed: true,
    });
    return { ok: false, runId: run.id, problem: failure.explanation.code as ProblemCode };
  }

  const metadata = config.serverMetadata();
  const openid = supportsOpenId(metadata);
  const scopes = unique([...input.scopes, ...(openid ? ["openid"] : [])]);
  const nonce = openid ? createNonce() : null;
  const url = buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: scopes.join(" "),
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    ...(nonce ? { nonce } : {}),
  });
  const step: Step = {
    id: "authorization_request",
    title: STEP_TITLES.authorization_request,
    status: "passed",
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    summary: "The browser was sent to the authorization endpoint with a PKCE challenge (S256), a state and the requested scopes.",
    http: { request: { method: "GET", url: redactUrl(url.href), headers: {}, body: null } },
    scopes: { requested: scopes, granted: [] },
    notes: [
      `Issuer: ${metadata.issuer}`,
      `Authorization endpoint: ${metadata.authorization_endpoint ?? "(none)"}`,
      `Token endpoint: ${metadata.token_endpoint ?? "(none)"}`,
      `Client authentication: ${input.client.tokenEndpointAuthMethod}`,
      `code_verifier: ${pkce.verifier.length} characters, kept encrypted on the portal's server; only its SHA-256 (the code_challenge) was sent.`,
      ...(nonce ? ["A nonce was sent because openid is requested; the ID token must carry it back."] : []),
    ],
  };
  const run = await createTestRun({
    ...base,
    nonce,
    oneTimeSecretEnc: input.oneTimeSecret ? encryptSecret(input.oneTimeSecret) : null,
    scope: scopes.join(" "),
    steps: redactor.scrub([step]),
  });
  return { ok: true, runId: run.id, authorizationUrl: url.href, expiresAt: run.expiresAt };
}

/** The registration's client at completion time, with the secret this run may use. */
async function resolveClient(run: ConsumedRun, override?: TestClient): Promise<{ client: TestClient | { problem: ProblemCode }; issuer?: string }> {
  const oneTime = run.oneTimeSecretEnc ? decryptSecret(run.oneTimeSecretEnc) : undefined;
  if (override) return { client: { ...override, clientSecret: override.clientSecret ?? oneTime }, issuer: override.issuer };
  const credentials = await getClientCredentials(run.organizationId, run.registrationId);
  if (!credentials || credentials.revoked) return { client: { problem: "client_unavailable" } };
  const base = { issuer: credentials.issuer, clientId: credentials.clientId, tokenEndpointAuthMethod: credentials.tokenEndpointAuthMethod };
  if (credentials.tokenEndpointAuthMethod === "none") return { client: base, issuer: base.issuer };
  const secret = oneTime ?? (credentials.mode === "DYNAMIC" ? await currentClientSecret(run.registrationId) : null);
  if (!secret) return { client: { problem: credentials.mode === "DYNAMIC" ? "secret_unavailable" : "secret_required" }, issuer: base.issuer };
  return { client: { ...base, clientSecret: secret }, issuer: base.issuer };
}

export async function completeRun(input: CompleteRunInput): Promise<CompleteRunResult> {
  const arrivedAt = new Date();
  const params = new URL(input.callbackUrl, "http://callback.invalid").searchParams;
  const state = params.get("state");
  if (!state) return { outcome: "rejected", problem: "state_missing" };
  const consumed = await consumeRunByState(hashToken(state), input.userId, arrivedAt);
  switch (consumed.outcome) {
    case "not_found":
      return { outcome: "rejected", problem: "state_unknown" };
    case "other_user":
      return { outcome: "rejected", problem: "state_other_user" };
    case "expired":
    case "replayed":
      return { outcome: consumed.outcome, runId: consumed.runId, registrationId: consumed.registrationId };
  }
  const run = consumed.run;
  const redactor = new Redactor();
  let steps: Step[];
  try {
    const { client, issuer } = await resolveClient(run, input.client);
    if (!("problem" in client)) redactor.add(client.clientSecret, true);
    steps = await runCallbackSteps({
      steps: run.steps.filter((s) => s.id === "authorization_request"),
      params,
      state,
      redirectUri: run.redirectUri,
      requestedScopes: run.scope.split(" ").filter(Boolean),
      codeVerifier: decryptSecret(run.codeVerifierEnc),
      nonce: run.nonce,
      createdAt: run.createdAt,
      arrivedAt,
      issuer,
      client,
      embedded: Boolean(issuer && isEmbeddedIssuer(issuer)),
      appUrl: env().appUrl,
      testApiUrl: input.testApiUrl ?? env().oauth.testApiUrl,
      recorder: new HttpRecorder(),
      redactor,
      onUnexpected: (stepId, error) =>
        log.error("test_connection.step_failed", { runId: run.id, step: stepId, error: error instanceof Error ? error.stack : String(error) }),
    });
  } catch (error) {
    log.error("test_connection.complete_failed", { runId: run.id, error: error instanceof Error ? error.stack : String(error) });
    steps = [
      ...run.steps,
      { id: "callback", title: STEP_TITLES.callback, status: "failed", startedAt: arrivedAt.toISOString(), durationMs: 0, explanation: explain("unknown") },
    ];
  }
  const status = steps.some((s) => s.status === "failed") ? "failed" : "passed";
  await finishRun(run.id, status, redactor.scrub(steps));
  return { outcome: "completed", runId: run.id, registrationId: run.registrationId, status };
}
