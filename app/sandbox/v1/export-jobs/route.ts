// GET /sandbox/v1/export-jobs — the demo company's export jobs (needs export-jobs:read)
import { NextResponse } from "next/server";
import { withAccessToken } from "@/lib/oauth/sandbox-api";

const JOBS = [
  { id: "job-2026-10", status: "completed", period: "2026-10", items: 214 },
  { id: "job-2026-11", status: "running", period: "2026-11", items: 97 },
];

export async function GET(request: Request) {
  return withAccessToken(request, "export-jobs:read", () => NextResponse.json({ data: JOBS }));
}
