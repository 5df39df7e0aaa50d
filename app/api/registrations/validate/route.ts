// POST /api/registrations/validate — check a manifest without signing in:
// 200 {valid: true, warnings} | 400 {error, error_description, field_errors} (RFC 7591 3.2.2)
import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { HttpError, jsonError, readJson, route } from "@/lib/http/route";
import { MANIFEST_FIELD } from "@/lib/registration/manifest";
import { parseManifest } from "@/lib/registration/manifest";
import { consumeRateLimit } from "@/lib/security/rate-limit";

const MAX_BYTES = 64 * 1024;
const PER_MINUTE = 60;

export const POST = route("public", async (request) => {
  const ip = clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
  const wait = await consumeRateLimit(`validate:${ip ?? "unknown"}`, PER_MINUTE, 60_000);
  if (wait) {
    throw new HttpError(429, "rate_limited", `Too many validation requests. Try again in ${wait} seconds.`, { retry_after: wait });
  }
  const body = await readJson(request, MAX_BYTES);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return jsonError(400, "invalid_client_metadata", "The body must be a JSON object of client metadata.", { field_errors: {} });
  }
  const result = parseManifest(body, { requireLogo: false, brand: env().brandName });
  if (!result.ok) {
    return jsonError(400, result.error, result.errorDescription, { field_errors: result.fieldErrors });
  }
  const warnings = result.warnings.map((w) => ({ field: MANIFEST_FIELD[w.field], message: w.message }));
  return NextResponse.json({ valid: true, warnings }, { headers: { "Cache-Control": "no-store" } });
});
