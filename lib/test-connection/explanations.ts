// Plain-language explanations of everything that can go wrong in a Test connection, each with
// the fix. Error codes from the authorization server (RFC 6749 4.1.2.1 and 5.2, RFC 6750 3.1)
// map onto these; anything unrecognised gets the generic one. Pure: usable anywhere.
import type { Explanation } from "./types";

export type ProblemCode =
  | "callback_not_registered"
  | "redirect_uri_mismatch"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "access_denied"
  | "unauthorized_client"
  | "unsupported_response_type"
  | "invalid_request"
  | "login_required"
  | "server_error"
  | "temporarily_unavailable"
  | "server_unreachable"
  | "discovery_failed"
  | "insecure_issuer"
  | "state_unknown"
  | "state_missing"
  | "state_other_user"
  | "state_expired"
  | "state_replayed"
  | "code_missing"
  | "issuer_mismatch"
  | "id_token_invalid"
  | "invalid_token"
  | "insufficient_scope"
  | "api_error"
  | "no_refresh_token"
  | "secret_required"
  | "secret_unavailable"
  | "client_unavailable"
  | "abandoned"
  | "unknown";

type Entry = { problem: string; fix: string };

const CATALOGUE: Record<ProblemCode, Entry> = {
  callback_not_registered: {
    problem:
      "This portal's callback address is not one of the registration's redirect URIs, so the authorization server would refuse to send the browser back here.",
    fix: 'Edit the registration, go to the Technical step, press "This portal\'s Test connection" under Redirect URIs to add the callback, and submit the registration again. Test connection works once that revision is approved.',
  },
  redirect_uri_mismatch: {
    problem:
      "The redirect_uri in the request does not exactly match any redirect URI registered for the client. The server compares them character for character: a trailing slash, http instead of https, another port or letter case all count as different.",
    fix: "Send exactly one of the registered redirect URIs (compare them below), or register the address your app uses by editing the registration and submitting it again.",
  },
  invalid_client: {
    problem:
      "The authorization server did not accept the client's credentials: the client ID is unknown or the client secret is wrong. This happens after a secret has been rotated, when an old or mistyped secret is sent, or when the client was deleted.",
    fix: "Use the current client secret (rotate it on the credentials page if you no longer have it) and send it as HTTP Basic authentication: Authorization: Basic base64(client_id:client_secret).",
  },
  invalid_grant: {
    problem:
      "The server refused the authorization code. Typical causes: the code_verifier does not match the code_challenge sent in the authorization request (PKCE), the code has expired or was already used (codes work once, for a few minutes), or the redirect_uri sent to the token endpoint differs from the one in the authorization request.",
    fix: "Keep the code_verifier created for this request and send it unchanged with the token request, exchange the code immediately and only once, and send the same redirect_uri in both requests. Then run the test again.",
  },
  invalid_scope: {
    problem: "The server refused one or more of the requested scopes: they are unknown, or not allowed for this client.",
    fix: "Request only scopes the registration lists (and openid for sign-in). To use another scope, add it to the registration and submit it for review.",
  },
  access_denied: {
    problem:
      "The user declined the request at the authorization server (for example by pressing Cancel on the consent screen), or the server refused it on their behalf.",
    fix: "Run the test again and approve the request. If you did not press Cancel, check that the sandbox user may use this client.",
  },
  unauthorized_client: {
    problem: "The client is not allowed to use the authorization code grant (or the refresh token grant) at this server.",
    fix: "Ask platform support to check the client's grant types: it needs authorization_code, and refresh_token for the refresh step.",
  },
  unsupported_response_type: {
    problem: "The server does not allow this client to use response_type=code.",
    fix: "Ask platform support to enable the code response type for the client.",
  },
  invalid_request: {
    problem:
      "The server found the request malformed: a required parameter is missing or repeated, or a value is invalid (for example a PKCE challenge with the wrong method).",
    fix: "Compare the request below with the server's description of the error. Send code_challenge_method=S256 and a 43 to 128 character code_verifier.",
  },
  login_required: {
    problem: "The server needed the user to sign in or give consent, but the request did not allow it to ask.",
    fix: "Run the test again without prompt=none, and complete the sign-in and consent screens.",
  },
  server_error: {
    problem: "The authorization server hit an unexpected error while handling the request.",
    fix: "Try again in a few minutes. If it keeps happening, contact platform support with the time of this run.",
  },
  temporarily_unavailable: {
    problem: "The authorization server is overloaded or under maintenance.",
    fix: "Try again in a few minutes.",
  },
  server_unreachable: {
    problem: "The portal could not reach the authorization server: the connection was refused, timed out or the host name did not resolve.",
    fix: "Check that the authorization server is running and reachable from the portal, then run the test again. For a local server, make sure it listens on the address in the issuer URL.",
  },
  discovery_failed: {
    problem:
      "The server's metadata (/.well-known/openid-configuration or /.well-known/oauth-authorization-server) could not be read or is invalid, so the portal does not know its endpoints.",
    fix: "Check the issuer URL and that the server publishes its metadata with an issuer value equal to that URL.",
  },
  insecure_issuer: {
    problem: "The authorization server uses plain http on an address that is not this machine. Tokens and secrets would travel unencrypted.",
    fix: "Serve the authorization server over https. Plain http is accepted only for localhost.",
  },
  state_unknown: {
    problem:
      "This callback does not belong to any Test connection run: its state value was not issued by this portal, belongs to a test that ended more than an hour ago (a run's state is not kept longer), or was tampered with.",
    fix: "Start a new test from the registration page. If you followed a link from somewhere else, ignore it.",
  },
  state_missing: {
    problem: "The callback arrived without a state parameter, so it cannot be matched to a test run and may have been forged.",
    fix: "Start a new test from the registration page. An authorization server must return the state it received unchanged.",
  },
  state_other_user: {
    problem:
      "This callback belongs to a test started by someone else (or in another browser session). For safety it is only accepted from the person who started it.",
    fix: "Start your own test from the registration page.",
  },
  state_expired: {
    problem: "More than 10 minutes passed between starting the test and coming back, so the run expired and its PKCE verifier was discarded.",
    fix: "Run the test again and complete the sign-in and consent within 10 minutes.",
  },
  state_replayed: {
    problem:
      "This callback was already processed. Each run, like each authorization code, can be used only once; the page was probably reloaded or the address reused.",
    fix: "The result of the first attempt is shown. To test again, start a new run.",
  },
  code_missing: {
    problem: "The callback has neither an authorization code nor an error, which a server must send one of.",
    fix: "Check the authorization server's response mode: the portal expects response_type=code with the parameters in the query string.",
  },
  issuer_mismatch: {
    problem:
      "The iss parameter in the callback names another authorization server than the one the request went to (RFC 9207). This is how mix-up attacks are detected.",
    fix: "Check the registration's issuer. If the server is behind a proxy, make sure it reports its public issuer URL.",
  },
  id_token_invalid: {
    problem: "The ID token in the token response failed validation: its issuer, audience, nonce or times do not match what this request expects.",
    fix: "Check the claims shown below against the issuer and client ID, and that the server's clock is correct.",
  },
  invalid_token: {
    problem: "The API refused the access token: it is missing, expired, revoked or issued for another API.",
    fix: "Send the access token as Authorization: Bearer <token> to an API of the same authorization server, before it expires.",
  },
  insufficient_scope: {
    problem: "The access token is valid but was not granted the scope this API call needs.",
    fix: "Request the scope the API names (add it to the registration if needed) and make sure the user approves it.",
  },
  api_error: {
    problem: "The API call with the access token did not succeed.",
    fix: "Check the response below. The token exchange worked, so the problem is between the token and this API.",
  },
  no_refresh_token: {
    problem: "The server issued no refresh token, so there is nothing to refresh.",
    fix: "If your app needs to act while the user is away, ask for the refresh_token grant (and, at some servers, the offline_access scope).",
  },
  secret_required: {
    problem: "This client authenticates with a client secret that the portal does not hold (its client ID was linked by a platform administrator).",
    fix: "Enter the client secret for this one run. It is kept encrypted only until the run ends, then deleted.",
  },
  secret_unavailable: {
    problem: "No current client secret is on file for this confidential client.",
    fix: "Rotate the client secret on the credentials page, then run the test again.",
  },
  client_unavailable: {
    problem: "The client is no longer provisioned: it was revoked, or the registration has no approved configuration.",
    fix: "Only live registrations can be tested. Submit the registration again if you need a new client.",
  },
  abandoned: {
    problem:
      "The browser never came back from the authorization server within 10 minutes. Either the window was closed, or the server showed an error page instead of redirecting back (it does so for an unknown client or a redirect_uri that is not registered).",
    fix: "Run the test again. If the server shows an error page, read it: a redirect_uri error means the callback must be added to the registration exactly.",
  },
  unknown: {
    problem: "Something unexpected went wrong during this step.",
    fix: "Run the test again. If it keeps failing, contact platform support with the time of this run.",
  },
};

export function explain(code: ProblemCode, detail?: string): Explanation {
  const entry = CATALOGUE[code];
  const problem = detail ? `${entry.problem} The server said: "${detail}".` : entry.problem;
  return { code, problem, fix: entry.fix };
}

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(CATALOGUE, value);
}

/** Maps an OAuth error code (from a callback, a token or an API response) to the catalogue. */
export function problemForOAuthError(error: string | null | undefined, description?: string | null): ProblemCode {
  const desc = (description ?? "").toLowerCase();
  switch (error) {
    case "invalid_redirect_uri":
    case "redirect_uri_mismatch":
      return "redirect_uri_mismatch";
    case "invalid_request":
      return desc.includes("redirect_uri") ? "redirect_uri_mismatch" : "invalid_request";
    case "invalid_client":
      return "invalid_client";
    case "invalid_grant":
      return "invalid_grant";
    case "invalid_scope":
      return "invalid_scope";
    case "access_denied":
      return "access_denied";
    case "unauthorized_client":
      return "unauthorized_client";
    case "unsupported_response_type":
      return "unsupported_response_type";
    case "login_required":
    case "consent_required":
    case "interaction_required":
    case "account_selection_required":
      return "login_required";
    case "server_error":
      return "server_error";
    case "temporarily_unavailable":
      return "temporarily_unavailable";
    case "invalid_token":
      return "invalid_token";
    case "insufficient_scope":
      return "insufficient_scope";
    default:
      return "unknown";
  }
}

/** The explanation for an OAuth error response, quoting the server's own description. */
export function explainOAuthError(error: string | null | undefined, description?: string | null): Explanation {
  const code = problemForOAuthError(error, description);
  const said = [error, description].filter(Boolean).join(": ");
  return explain(code, said ? said.slice(0, 300) : undefined);
}
