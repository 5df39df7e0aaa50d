// PUT /api/registrations/:id/draft — autosave: {version, data, force?} -> 200 {version, saved_at} | 409 conflict
import { NextResponse } from "next/server";
import { z } from "zod";
import { saveDraft } from "@/lib/domain/registrations";
import { idParams, route } from "@/lib/http/route";

const body = z.object({ version: z.number().int().min(1), data: z.unknown(), force: z.boolean().optional() });
const input = { params: idParams, body: { type: "json", schema: body, maxBytes: 256 * 1024, invalid: 'Send {"version": <number>, "data": {...}}.' } } as const;

export const PUT = route("member", input, async (_request, { user, params, body }) => {
  const saved = await saveDraft(user, params.id, body);
  return NextResponse.json({ version: saved.version, saved_at: saved.savedAt.toISOString() }, { headers: { "Cache-Control": "no-store" } });
});
