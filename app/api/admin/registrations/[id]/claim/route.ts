// POST /api/admin/registrations/:id/claim — {revision, take_over?} -> 200 | 409 when no longer possible
import { NextResponse } from "next/server";
import { z } from "zod";
import { personOf } from "@/lib/db/actors";
import { idParams, route } from "@/lib/http/route";
import { claimSchema } from "@/lib/review/inputs";
import { claim } from "@/lib/domain/review";

const body = z.object({ revision: claimSchema.shape.revision, take_over: z.boolean().optional() });

export const POST = route(
  "admin",
  { params: idParams, body: { type: "json", schema: body, maxBytes: 16 * 1024, invalid: 'Send {"revision": <number>, "take_over": <boolean>}.' } },
  async (_request, { user, params, body }) => {
    await claim(personOf(user), { registrationId: params.id, revision: body.revision, takeOver: body.take_over });
    return NextResponse.json({ status: "in_review", claimed_by: user.name });
  },
);
