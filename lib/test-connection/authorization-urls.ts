// Example authorization URLs for the partner's own app: one per registered redirect URI, each
// with a fresh PKCE pair and state. Nothing is stored: these are for the partner to try.
import { createPkcePair, createState } from "./pkce";

export type ExampleAuthorizationUrl = {
  redirectUri: string;
  url: string;
  codeVerifier: string;
  codeChallenge: string;
  state: string;
};

export async function buildExampleAuthorizationUrls(input: {
  authorizationEndpoint: string;
  clientId: string;
  redirectUris: readonly string[];
  scopes: readonly string[];
}): Promise<ExampleAuthorizationUrl[]> {
  return Promise.all(
    input.redirectUris.map(async (redirectUri) => {
      const pkce = await createPkcePair();
      const state = createState();
      const url = new URL(input.authorizationEndpoint);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("client_id", input.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      if (input.scopes.length) url.searchParams.set("scope", input.scopes.join(" "));
      url.searchParams.set("state", state);
      url.searchParams.set("code_challenge", pkce.challenge);
      url.searchParams.set("code_challenge_method", pkce.method);
      return { redirectUri, url: url.toString(), codeVerifier: pkce.verifier, codeChallenge: pkce.challenge, state };
    }),
  );
}
