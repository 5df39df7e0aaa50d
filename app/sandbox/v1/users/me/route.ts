// GET /sandbox/v1/users/me — the signed-in sandbox user (needs users:read)
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { withAccessToken } from "@/lib/oauth/sandbox-api";
import { findSandboxAccount } from "@/lib/oauth/sandbox-users";

// The caller is a client with an access token, not a signed-in person: route() adds the
// error mapping and headers, withAccessToken checks the token and its scope.
export const GET = route("public", {}, async (request) =>
  withAccessToken(request, "users:read", ({ accountId }) => {
    const account = findSandboxAccount(accountId);
    return NextResponse.json({ id: accountId, email: account?.email, name: account?.name, company: account?.company });
  }),
);
