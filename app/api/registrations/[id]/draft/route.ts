// PUT /api/registrations/:id/draft — autosave: {version, data, force?} -> 200 {version, saved_at} | 409 conflict
import { NextResponse } from "next/server";
import { z } from "zod";
import { saveDraft } from "@/lib/db/registrations";
import { DomainError } from "@/lib/errors";
import { idParams, route } from "@/lib/http/route";
import { parseDraft } from "@/lib/registration/schema";

const body = z.object({ version: z.number().int().min(1), data: z.unknown(), force: z.boolean().optional() });
const MAX_BYTES = 256 * 1024;

const input = { params: idParams, body: { type: "json", schema: body, maxBytes: MAX_BYTES, invalid: 'Send {"version": <number>, "data": {...}}.' } } as const;

export const PUT = route("member", input, async (_request, { user, params, body }) => {
  const data = parseDraft(body.data);
  if (!data.ok) throw new DomainError("invalid", data.message, { code: "invalid_draft" });
  const result = await saveDraft({
    organizationId: user.membership.organization.id,
    registrationId: params.id,
    userId: user.id,
    version: body.version,
    data: data.data,
    force: body.force,
  });
  if (result.status === "not_found") throw new DomainError("not_found", "This draft no longer exists or was already submitted.");
  if (result.status === "conflict") {
    throw new DomainError("conflict", "Someone saved this draft after you loaded it. Reload to see their changes, or overwrite them.", {
      extra: { current_version: result.currentVersion, updated_at: result.updatedAt.toISOString(), updated_by: result.updatedBy },
    });
  }
  return NextResponse.json({ version: result.version, saved_at: result.savedAt.toISOString() }, { headers: { "Cache-Control": "no-store" } });
});
