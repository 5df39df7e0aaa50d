// PUT /api/registrations/:id/draft — autosave: {version, data, force?} -> 200 {version, saved_at} | 409 conflict
import { NextResponse } from "next/server";
import { z } from "zod";
import { saveDraft } from "@/lib/db/registrations";
import { HttpError, readJson, route } from "@/lib/http/route";
import { parseDraft } from "@/lib/registration/schema";

const body = z.object({ version: z.number().int().min(1), data: z.unknown(), force: z.boolean().optional() });
const MAX_BYTES = 256 * 1024;

export const PUT = route<"member", { id: string }>("member", async (request, { user, params }) => {
  const parsed = body.safeParse(await readJson(request, MAX_BYTES));
  if (!parsed.success) throw new HttpError(400, "invalid_request", "Send {\"version\": <number>, \"data\": {...}}.");
  const data = parseDraft(parsed.data.data);
  if (!data.ok) throw new HttpError(422, "invalid_draft", data.message);
  const result = await saveDraft({
    organizationId: user.membership.organization.id,
    registrationId: params.id,
    userId: user.id,
    version: parsed.data.version,
    data: data.data,
    force: parsed.data.force,
  });
  if (result.status === "not_found") throw new HttpError(404, "not_found", "This draft no longer exists or was already submitted.");
  if (result.status === "conflict") {
    throw new HttpError(409, "conflict", "Someone saved this draft after you loaded it. Reload to see their changes, or overwrite them.", {
      current_version: result.currentVersion,
      updated_at: result.updatedAt.toISOString(),
      updated_by: result.updatedBy,
    });
  }
  return NextResponse.json({ version: result.version, saved_at: result.savedAt.toISOString() }, { headers: { "Cache-Control": "no-store" } });
});
