import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/actors";
import { readClientRecord, readPreviousSecrets, restorePreviousSecrets, storedPreviousSecrets, writeClientRecord } from "@/lib/db/oidc-adapter";
import { sha256Hex } from "@/lib/db/secret-usage";
import { isEmbeddedIssuer } from "./issuers";

// Client secret rotation. No standard covers it (RFC 7592 cannot change a secret, and
// oidc-provider refuses a new client_secret on PUT), so it goes through this one interface:
// implemented inside the embedded server; for an external server, platform staff rotate.

export interface SecretRotator {
  /** Issues a new secret inside `tx`; the old one keeps working for `graceSeconds`. */
  rotate(tx: Tx, clientId: string, graceSeconds: number): Promise<string>;
  /** Ends a previous secret's grace period now, inside `tx`: it stops authenticating once `tx` commits. */
  retirePrevious(tx: Tx, clientId: string, secretSha256: string): Promise<void>;
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
      previous.push({ secret_sha256: sha256Hex(oldSecret), expires_at: now + graceSeconds });
    }
    const secret = randomBytes(15).toString("hex");
    await writeClientRecord(tx, clientId, { ...payload, client_secret: secret, previous_secrets: previous });
    return secret;
  },
  async retirePrevious(tx, clientId, secretSha256) {
    const payload = await readClientRecord(tx, clientId);
    if (!payload) throw new Error("The client does not exist at the authorization server.");
    const now = Math.floor(Date.now() / 1000);
    // oidc-provider reads the client record on every request, so the next one sees it gone.
    const previous = readPreviousSecrets(payload.previous_secrets).filter((p) => p.expires_at > now && p.secret_sha256 !== secretSha256);
    await writeClientRecord(tx, clientId, { ...payload, previous_secrets: previous });
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
