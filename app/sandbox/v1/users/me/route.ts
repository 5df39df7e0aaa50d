// GET /sandbox/v1/users/me — the signed-in sandbox user (needs users:read)
import { NextResponse } from "next/server";
import { withAccessToken } from "@/lib/oauth/sandbox-api";
import { findSandboxAccount } from "@/lib/oauth/sandbox-users";

export async function GET(request: Request) {
  return withAccessToken(request, "users:read", ({ accountId }) => {
    const account = findSandboxAccount(accountId);
    return NextResponse.json({ id: accountId, email: account?.email, name: account?.name, company: account?.company });
  });
}
