// GET /sandbox/v1/export-jobs — the demo company's export jobs (needs export-jobs:read)
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { withAccessToken } from "@/lib/oauth/sandbox-api";

const JOBS = [
  { id: "job-2026-10", status: "completed", period: "2026-10", items: 214 },
  { id: "job-2026-11", status: "running", period: "2026-11", items: 97 },
];

// The caller is a client with an access token, not a signed-in person: route() adds the
// error mapping and headers, withAccessToken checks the token and its scope.
export const GET = route("public", {}, async (request) => withAccessToken(request, "export-jobs:read", () => NextResponse.json({ data: JOBS })));
