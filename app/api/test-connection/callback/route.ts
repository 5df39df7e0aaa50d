// GET /api/test-connection/callback — the authorization server sends the browser back here; finishes the run and shows its timeline
import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { TEST_CONNECTION_CALLBACK_PATH } from "@/lib/registration/fields";
import { explain } from "@/lib/test-connection/explanations";
import { finishTestRun } from "@/lib/domain/test-runs";
import { resultPage } from "@/lib/test-connection/result-page";

// Generous limits: anything longer is not a genuine authorization response.
const querySchema = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
});

const TITLES = {
  state_missing: "This callback cannot be matched to a test",
  state_unknown: "This callback does not belong to a test run",
  state_other_user: "This test was started by someone else",
} as const;

const see = (location: string) =>
  new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });

// A callback that fails the query schema is answered as a page: a person is looking at it.
function tampered() {
  const { problem, fix } = explain("state_unknown");
  return resultPage({ status: 400, title: "This callback looks tampered with", problem, fix });
}

export const GET = route("public", { query: querySchema, refusal: tampered }, async (request, { user, query }) => {
  const search = request.nextUrl.searchParams;
  if (!user) {
    // The session ended while the user was at the authorization server: sign in, then come back.
    const back = `${TEST_CONNECTION_CALLBACK_PATH}${search.size ? `?${search}` : ""}`;
    return see(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }

  let result;
  try {
    result = await finishTestRun({ callbackUrl: `?${search}`, userId: user.id });
  } catch (error) {
    log.error("test_connection.callback_failed", { error: error instanceof Error ? error.stack : String(error) });
    const { problem, fix } = explain("unknown");
    return resultPage({ status: 503, title: "The test could not be finished", problem, fix });
  }

  if (result.outcome === "rejected") {
    const { problem, fix } = explain(result.problem);
    const { error, error_description: description } = query;
    const detail = error ? `The authorization server also sent: ${[error, description].filter(Boolean).join(": ").slice(0, 300)}` : undefined;
    return resultPage({ status: result.problem === "state_other_user" ? 403 : 400, title: TITLES[result.problem], problem, fix, detail });
  }
  const timeline = `/registrations/${result.registrationId}/test-runs/${result.runId}`;
  return see(result.outcome === "completed" ? timeline : `${timeline}?notice=${result.outcome}`);
});
