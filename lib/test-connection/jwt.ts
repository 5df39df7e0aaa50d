// Decodes the readable parts of a JWT for display. The signature is never returned: the
// timeline shows what a token says, and the third part is of no use to a reader.
import type { DecodedToken } from "./types";

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Header and payload of a signed JWT (JWS compact form); undefined for opaque or encrypted tokens. */
export function decodeJwt(token: unknown): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  if (typeof token !== "string") return undefined;
  const parts = token.split(".");
  if (parts.length !== 3) return undefined; // 5 parts is JWE (encrypted): nothing readable
  const header = decodePart(parts[0]!);
  const payload = decodePart(parts[1]!);
  if (!header || !payload || typeof header.alg !== "string") return undefined;
  return { header, payload };
}

export function decodedToken(label: string, token: unknown): DecodedToken | undefined {
  const decoded = decodeJwt(token);
  return decoded ? { label, ...decoded } : undefined;
}

/** Human-readable times for the standard date claims, added beside the numbers. */
export function describeTimeClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const claim of ["iat", "exp", "nbf", "auth_time"]) {
    const v = payload[claim];
    if (typeof v === "number" && Number.isFinite(v)) out[claim] = new Date(v * 1000).toISOString();
  }
  return out;
}
