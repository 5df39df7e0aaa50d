// POST /api/test-connection/start — starts a Test connection run (form post: 303 to the authorization server; JSON: the URL)
import { NextResponse } from "next/server";
import { z } from "zod";
import { isUuid } from "@/lib/db/ids";
import { DomainError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { startForRegistration } from "@/lib/domain/test-runs";

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

const see = (location: string) => new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

export const POST = route("member", { body: { type: "json_or_form", schema: bodySchema, maxBytes: MAX_BODY } }, async (request, { user, body, bodyType }) => {
  // A run starts only from the portal's own pages (the session cookie is also SameSite=Lax).
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") throw new DomainError("forbidden", "Start the test from the partner portal itself.");

  const json = bodyType === "json";
  const { registration_id: registrationId, secret } = body;
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
      if (!json && outcome.error !== "not_found") return see(`${historyUrl}?problem=${outcome.problem}`);
      throw new DomainError(outcome.error, outcome.message, {
        code: outcome.problem,
        extra: { fix: outcome.fix, ...(outcome.comparison ? { comparison: outcome.comparison } : {}) },
      });
  }
});
