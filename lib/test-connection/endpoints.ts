import "server-only";
import { configure } from "./client";
import { HttpRecorder } from "./http-recorder";

// The authorization and token endpoints of an issuer, for the partner tools (authorization
// URLs, Postman). From discovery when the server answers; otherwise the platform's published
// paths ({issuer}/oauth/authorize and {issuer}/oauth/token), marked as not verified.

export type Endpoints = { issuer: string; authorizationEndpoint: string; tokenEndpoint: string; discovered: boolean };

export async function endpointsFor(issuer: string, clientId: string): Promise<Endpoints> {
  try {
    const metadata = (await configure({ issuer, clientId, tokenEndpointAuthMethod: "none" }, new HttpRecorder())).serverMetadata();
    if (metadata.authorization_endpoint && metadata.token_endpoint) {
      return { issuer, authorizationEndpoint: metadata.authorization_endpoint, tokenEndpoint: metadata.token_endpoint, discovered: true };
    }
  } catch {
    // fall through to the published paths
  }
  const base = issuer.replace(/\/+$/, "");
  return { issuer, authorizationEndpoint: `${base}/oauth/authorize`, tokenEndpoint: `${base}/oauth/token`, discovered: false };
}
