// POST /api/registrations/validate — check a manifest without signing in:
// 200 {valid: true, warnings} | 400 {error, error_description, field_errors} (RFC 7591 3.2.2)
import { NextResponse } from "next/server";
import { z } from "zod";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { DomainError } from "@/lib/errors";
import { jsonError, route } from "@/lib/http/route";
import { MANIFEST_FIELD } from "@/lib/registration/manifest";
import { parseManifest } from "@/lib/registration/manifest";
import { consumeRateLimit } from "@/lib/security/rate-limit";

const MAX_BYTES = 64 * 1024;
const PER_MINUTE = 60;

// RFC 7591 3.2.2: a body that is not an object of metadata is invalid_client_metadata.
const metadata = z.record(z.string(), z.unknown(), { message: "The body must be a JSON object of client metadata." });
const input = { body: { type: "json", schema: metadata, maxBytes: MAX_BYTES, code: "invalid_client_metadata" } } as const;

export const POST = route("public", input, async (_request, { body }) => {
  const ip = clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
  const wait = await consumeRateLimit(`validate:${ip ?? "unknown"}`, PER_MINUTE, 60_000);
  if (wait) {
    throw new DomainError("rate_limited", `Too many validation requests. Try again in ${wait} seconds.`, { extra: { retry_after: wait } });
  }
  const result = parseManifest(body, { requireLogo: false, brand: env().brandName });
  if (!result.ok) {
    return jsonError(400, result.error, result.errorDescription, { field_errors: result.fieldErrors });
  }
  const warnings = result.warnings.map((w) => ({ field: MANIFEST_FIELD[w.field], message: w.message }));
  return NextResponse.json({ valid: true, warnings }, { headers: { "Cache-Control": "no-store" } });
});
