import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/actors";
import { readClientRecord, readPreviousSecrets, restorePreviousSecrets, storedPreviousSecrets, writeClientRecord } from "@/lib/db/oidc-adapter";
import { isEmbeddedIssuer } from "./issuers";

// Client secret rotation. No standard covers it (RFC 7592 cannot change a secret, and
// oidc-provider refuses a new client_secret on PUT), so it goes through this one interface:
// implemented inside the embedded server; for an external server, platform staff rotate.

export interface SecretRotator {
  /** Issues a new secret inside `tx`; the old one keeps working for `graceSeconds`. */
  rotate(tx: Tx, clientId: string, graceSeconds: number): Promise<string>;
}

/** The embedded server's rotation: writes the client's stored record directly. */
const embeddedRotator: SecretRotator = {
  async rotate(tx, clientId, graceSeconds) {
    const payload = await readClientRecord(tx, clientId);
    if (!payload) throw new Error("The client does not exist at the authorization server.");
    const oldSecret = String(payload.client_secret ?? "");
    const now = Math.floor(Date.now() / 1000);
    const previous = readPreviousSecrets(payload.previous_secrets).filter((p) => p.expires_at > now);
    if (graceSeconds > 0 && oldSecret) {
      previous.push({ secret_sha256: createHash("sha256").update(oldSecret).digest("hex"), expires_at: now + graceSeconds });
    }
    const secret = randomBytes(15).toString("hex");
    await writeClientRecord(tx, clientId, { ...payload, client_secret: secret, previous_secrets: previous });
    return secret;
  },
};

export function rotatorFor(issuer: string): SecretRotator | undefined {
  return isEmbeddedIssuer(issuer) ? embeddedRotator : undefined;
}

/**
 * RFC 7592 PUT replaces a client's whole record, so the embedded server would forget the
 * secrets still inside their grace period. Runs `update` and then puts them back.
 */
export async function keepingRotationState<T>(issuer: string, clientId: string, update: () => Promise<T>): Promise<T> {
  if (!isEmbeddedIssuer(issuer)) return update();
  const previous = await storedPreviousSecrets(clientId);
  const result = await update();
  if (previous?.length) await restorePreviousSecrets(clientId, previous);
  return result;
}
