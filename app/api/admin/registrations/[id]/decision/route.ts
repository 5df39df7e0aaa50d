// POST /api/admin/registrations/:id/decision — {revision, decision, note?, comments?} -> 200 | 409 when already decided or claimed by someone else
import { NextResponse } from "next/server";
import { personOf } from "@/lib/db/actors";
import { idParams, route } from "@/lib/http/route";
import { decisionSchema } from "@/lib/review/inputs";
import { decide } from "@/lib/domain/review";

const body = decisionSchema.omit({ registrationId: true });

export const POST = route(
  "admin",
  { params: idParams, body: { type: "json", schema: body, maxBytes: 64 * 1024 } },
  async (_request, { user, params, body }) => {
    const result = await decide(personOf(user), { ...body, registrationId: params.id });
    return NextResponse.json({ status: result.status.toLowerCase() });
  },
);
