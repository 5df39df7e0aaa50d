import "server-only";
import { NextResponse } from "next/server";
import { withRouteHeaders } from "@/lib/http/route-headers";
import { getProvider } from "./provider";
import { embeddedServerEnabled, findSandboxAccount } from "./sandbox-users";

// The sandbox resource API checks the embedded server's own access tokens and scopes, and
// answers failures as RFC 6750 describes: 401 with WWW-Authenticate, 403 insufficient_scope.

const REALM = 'Bearer realm="sandbox"';

function refuse(status: 401 | 403, challenge: string, error?: string, description?: string) {
  return withRouteHeaders(
    NextResponse.json(error ? { error, error_description: description } : { error: "unauthorized" }, {
      status,
      headers: { "WWW-Authenticate": challenge, "Cache-Control": "no-store" },
    }),
  );
}

export async function withAccessToken(
  request: Request,
  requiredScope: string,
  handler: (token: { accountId: string; clientId: string; scopes: string[] }) => Response,
) {
  if (!embeddedServerEnabled()) return NextResponse.json({ error: "not_found" }, { status: 404 });
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
  if (!match) return refuse(401, REALM, undefined);
  const provider = await getProvider();
  const token = await provider.AccessToken.find(match[1]!).catch(() => undefined);
  // A revoked (deleted) client's tokens stop working at once, not when they expire; so do those
  // of a sandbox user no longer listed in SANDBOX_USERS.
  const client = token && !token.isExpired ? await provider.Client.find(String(token.clientId)).catch(() => undefined) : undefined;
  if (!token || token.isExpired || !client || !findSandboxAccount(String(token.accountId))) {
    return refuse(
      401,
      `${REALM}, error="invalid_token", error_description="The access token is missing, expired or revoked"`,
      "invalid_token",
      "The access token is missing, expired or revoked.",
    );
  }
  const scopes = String(token.scope ?? "")
    .split(" ")
    .filter(Boolean);
  if (!scopes.includes(requiredScope)) {
    return refuse(403, `${REALM}, error="insufficient_scope", scope="${requiredScope}"`, "insufficient_scope", `This call needs the ${requiredScope} scope.`);
  }
  return withRouteHeaders(handler({ accountId: String(token.accountId), clientId: String(token.clientId), scopes }));
}
