import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM with the data-encryption key, for secrets at rest (client secrets, registration
// access tokens, PKCE verifiers). Format: v1.<iv>.<tag>.<ciphertext>, base64url.

export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", env().dataEncryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(value: string): string {
  const [version, iv, tag, ciphertext] = value.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable encrypted value.");
  const decipher = createDecipheriv("aes-256-gcm", env().dataEncryptionKey, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** A stable secret for one purpose, derived from AUTH_SECRET (HKDF-SHA256). */
export function deriveSecret(purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", env().authSecret, "partner-portal", purpose, bytes));
}
