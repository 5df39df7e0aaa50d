// Random tokens for links (verification, reset, invitation). Only their SHA-256 is stored,
// so a database leak does not leak working links.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** `payload.signature`, HMAC-SHA256 with the given secret; for short-lived server-side grants. */
export function sign(payload: string, secret: string): string {
  const mac = createHmac("sha256", secret).update(payload).digest("base64url");
  return `${Buffer.from(payload).toString("base64url")}.${mac}`;
}

export function verifySignature(value: string, secret: string): string | undefined {
  const parts = value.split(".");
  if (parts.length !== 2) return undefined;
  const [encoded, mac] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[A-Za-z0-9_-]{43}$/.test(mac)) return undefined;
  const payload = Buffer.from(encoded, "base64url").toString();
  const expected = createHmac("sha256", secret).update(payload).digest();
  const given = Buffer.from(mac, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
}
