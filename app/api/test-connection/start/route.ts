// POST /api/test-connection/start — starts a Test connection run (form post: 303 to the authorization server; JSON: the URL)
import { NextResponse } from "next/server";
import { z } from "zod";
import { isUuid } from "@/lib/db/ids";
import { HttpError, readForm, readJson, route } from "@/lib/http/route";
import { startForRegistration } from "@/lib/test-connection/start";

const MAX_BODY = 8 * 1024;

const bodySchema = z.object({
  registration_id: z.string().refine(isUuid, { message: "registration_id must be the registration's id." }),
  // Only for a manually linked confidential client; kept encrypted until the run ends.
  secret: z
    .string()
    .trim()
    .max(512, { message: "The client secret is too long." })
    .optional()
    .transform((v) => (v ? v : undefined)),
});

async function readInput(request: Request): Promise<{ raw: unknown; json: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return { raw: await readForm(request, MAX_BODY), json: false };
  return { raw: await readJson(request, MAX_BODY), json: true };
}

const see = (location: string) => new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

export const POST = route("member", async (request, { user }) => {
  // A run starts only from the portal's own pages (the session cookie is also SameSite=Lax).
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw new HttpError(403, "forbidden", "Start the test from the partner portal itself.");

  const { raw, json } = await readInput(request);
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, "invalid_request", parsed.error.issues[0]?.message ?? "The request is invalid.");
  }
  const { registration_id: registrationId, secret } = parsed.data;
  const outcome = await startForRegistration({ organizationId: user.membership.organization.id, userId: user.id, registrationId, secret });
  const historyUrl = `/registrations/${registrationId}/test-runs`;

  switch (outcome.kind) {
    case "redirect":
      return json
        ? NextResponse.json({ run_id: outcome.runId, authorization_url: outcome.authorizationUrl }, { headers: { "Cache-Control": "no-store" } })
        : see(outcome.authorizationUrl);
    case "failed_run": {
      const timelineUrl = `${historyUrl}/${outcome.runId}`;
      return json ? NextResponse.json({ run_id: outcome.runId, timeline_url: timelineUrl }, { headers: { "Cache-Control": "no-store" } }) : see(timelineUrl);
    }
    case "refused":
      if (!json && outcome.status !== 404) return see(`${historyUrl}?problem=${outcome.problem}`);
      throw new HttpError(outcome.status, outcome.problem, outcome.message, { fix: outcome.fix, ...(outcome.comparison ? { comparison: outcome.comparison } : {}) });
  }
});
