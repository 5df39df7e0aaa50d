// POST /api/admin/registrations/:id/decision — {revision, decision, note?, comments?} -> 200 | 409 when already decided or claimed by someone else
import { NextResponse } from "next/server";
import { ReviewError } from "@/lib/db/review";
import { HttpError, readJson, route } from "@/lib/http/route";
import { reviewErrorToHttp } from "@/lib/review/http";
import { decisionSchema } from "@/lib/review/inputs";
import { decide } from "@/lib/review/service";

export const POST = route<"admin", { id: string }>("admin", async (request, { user, params }) => {
  const body = (await readJson(request, 64 * 1024)) as Record<string, unknown> | null;
  const parsed = decisionSchema.safeParse({ ...(body ?? {}), registrationId: params.id });
  if (!parsed.success) {
    throw new HttpError(400, "invalid_request", parsed.error.issues[0]?.message ?? "Invalid decision.");
  }
  try {
    const result = await decide({
      registrationId: parsed.data.registrationId,
      revisionNumber: parsed.data.revision,
      admin: { id: user.id, name: user.name, email: user.email },
      decision: parsed.data.decision,
      note: parsed.data.note ?? null,
      comments: parsed.data.comments,
    });
    return NextResponse.json({ status: result.status.toLowerCase() });
  } catch (error) {
    if (error instanceof ReviewError) throw reviewErrorToHttp(error);
    throw error;
  }
});
