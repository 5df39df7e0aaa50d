import "server-only";
import { currentClientSecret, getClientCredentials } from "@/lib/db/credentials";
import { env } from "@/lib/env";
import type { ErrorKind } from "@/lib/errors";
import { TEST_CONNECTION_CALLBACK_PATH } from "@/lib/registration/fields";
import { explain, type ProblemCode } from "@/lib/test-connection/explanations";
import { startRun } from "@/lib/test-connection/flow";
import { compareRedirectUri, type RedirectComparison } from "@/lib/test-connection/redirect-compare";

// The Test connection run's operations: start one for a signed-in member (after checking that
// the registration can be tested with this portal's callback and the secret it needs, with the
// registration's own client), and finish one when the authorization server sends the browser
// back. The protocol steps themselves are lib/test-connection/flow.ts; the rows are
// lib/db/test-runs.ts.

export { completeRun as finishTestRun } from "@/lib/test-connection/flow";

export type StartOutcome =
  | { kind: "redirect"; runId: string; authorizationUrl: string }
  /** The run failed before the browser left (e.g. server unreachable): show its timeline. */
  | { kind: "failed_run"; runId: string; registrationId: string }
  | { kind: "refused"; error: Refusal; problem: ProblemCode; message: string; fix: string; comparison?: RedirectComparison };

export const testConnectionCallbackUri = () => `${env().appUrl}${TEST_CONNECTION_CALLBACK_PATH}`;

type Refusal = Extract<ErrorKind, "not_found" | "conflict" | "invalid">;

function refuse(error: Refusal, problem: ProblemCode, comparison?: RedirectComparison): StartOutcome {
  const { problem: message, fix } = explain(problem);
  return { kind: "refused", error, problem, message, fix, comparison };
}

export async function startForRegistration(input: {
  organizationId: string;
  userId: string;
  registrationId: string;
  /** Only used for a manually linked confidential client, for this run only. */
  secret?: string;
}): Promise<StartOutcome> {
  const credentials = await getClientCredentials(input.organizationId, input.registrationId);
  if (!credentials) return refuse("not_found", "client_unavailable");
  if (credentials.revoked) return refuse("conflict", "client_unavailable");
  const callback = testConnectionCallbackUri();
  if (!credentials.redirectUris.includes(callback)) {
    return refuse("conflict", "callback_not_registered", compareRedirectUri(callback, credentials.redirectUris));
  }
  let oneTimeSecret: string | undefined;
  if (credentials.tokenEndpointAuthMethod === "client_secret_basic") {
    if (credentials.mode === "MANUAL") {
      if (!input.secret) return refuse("invalid", "secret_required");
      oneTimeSecret = input.secret;
    } else if (!(await currentClientSecret(credentials.registrationId))) {
      return refuse("conflict", "secret_unavailable");
    }
  }
  const result = await startRun({
    registrationId: credentials.registrationId,
    userId: input.userId,
    client: { issuer: credentials.issuer, clientId: credentials.clientId, tokenEndpointAuthMethod: credentials.tokenEndpointAuthMethod },
    redirectUri: callback,
    scopes: credentials.scopes,
    oneTimeSecret,
  });
  return result.ok
    ? { kind: "redirect", runId: result.runId, authorizationUrl: result.authorizationUrl }
    : { kind: "failed_run", runId: result.runId, registrationId: credentials.registrationId };
}
