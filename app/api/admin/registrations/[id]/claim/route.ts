// POST /api/admin/registrations/:id/claim — {revision, take_over?} -> 200 | 409 when no longer possible
import { NextResponse } from "next/server";
import { ReviewError } from "@/lib/db/review";
import { HttpError, readJson, route } from "@/lib/http/route";
import { claimSchema } from "@/lib/review/inputs";
import { claim } from "@/lib/review/service";
import { reviewErrorToHttp } from "@/lib/review/http";

export const POST = route<"admin", { id: string }>("admin", async (request, { user, params }) => {
  const body = (await readJson(request, 16 * 1024)) as Record<string, unknown> | null;
  const parsed = claimSchema.safeParse({ registrationId: params.id, revision: body?.revision, takeOver: body?.take_over });
  if (!parsed.success) throw new HttpError(400, "invalid_request", "Send {\"revision\": <number>, \"take_over\": <boolean>}.");
  try {
    await claim({ registrationId: parsed.data.registrationId, revisionNumber: parsed.data.revision, admin: { id: user.id, name: user.name, email: user.email }, takeOver: parsed.data.takeOver });
  } catch (error) {
    if (error instanceof ReviewError) throw reviewErrorToHttp(error);
    throw error;
  }
  return NextResponse.json({ status: "in_review", claimed_by: user.name });
});
