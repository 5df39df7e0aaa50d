import "server-only";
import { timingSafeEqual } from "node:crypto";
import { deriveSecret } from "@/lib/security/crypto";
import { embeddedIssuer } from "./provider";

// The portal's Test connection uses the partner's own client and secret, so the embedded
// server cannot tell its token requests from the partner's app by the client alone. Neither
// can it by the request: the refresh grant carries no redirect URI. So the run marks its
// requests to the embedded server with a header only the portal can compute (derived from
// AUTH_SECRET), and the server counts a marked use as a Test connection, never as the app's.
// A forged or copied marker only mislabels the forger's own uses; it grants nothing.

export const TEST_CONNECTION_HEADER = "x-portal-test-connection";

const marker = () => deriveSecret("test-connection-marker").toString("base64url");

/** The marker header for a request of a Test connection run, when it goes to the embedded server. */
export function testConnectionHeaders(url: string): Record<string, string> {
  return url.startsWith(`${embeddedIssuer()}/`) ? { [TEST_CONNECTION_HEADER]: marker() } : {};
}

/** Does this header value mark a Test connection request? */
export function isTestConnectionMarker(value: string | string[] | undefined): boolean {
  if (typeof value !== "string") return false;
  const expected = Buffer.from(marker());
  const actual = Buffer.from(value);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
