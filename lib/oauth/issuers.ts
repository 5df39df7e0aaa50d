import "server-only";
import { env } from "@/lib/env";
import type { Environment } from "@/lib/registration/fields";
import { embeddedInitialAccessToken, embeddedIssuer } from "./provider";

// Which authorization server a registration's environment uses. Staging: OAUTH_ISSUER, or the
// embedded server. Production: OAUTH_PRODUCTION_ISSUER, or none (admins link a client ID
// issued elsewhere).

export type IssuerConfig = { issuer: string; initialAccessToken: string; embedded: boolean };

export function issuerFor(environment: Environment): IssuerConfig | undefined {
  const { oauth } = env();
  if (environment === "production") {
    return oauth.productionIssuer && oauth.productionInitialAccessToken
      ? { issuer: oauth.productionIssuer, initialAccessToken: oauth.productionInitialAccessToken, embedded: false }
      : undefined;
  }
  if (oauth.stagingIssuer && oauth.stagingInitialAccessToken) {
    return { issuer: oauth.stagingIssuer, initialAccessToken: oauth.stagingInitialAccessToken, embedded: false };
  }
  return { issuer: embeddedIssuer(), initialAccessToken: embeddedInitialAccessToken(), embedded: true };
}

/** Is this issuer the embedded one (whose tokens the sandbox API accepts)? */
export function isEmbeddedIssuer(issuer: string): boolean {
  return issuer.replace(/\/+$/, "") === embeddedIssuer();
}
