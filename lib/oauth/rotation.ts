import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeClient, encodeClient } from "./adapter";
import { isEmbeddedIssuer } from "./issuers";
import type { PreviousSecret } from "./provider";

// Client secret rotation. No standard covers it (RFC 7592 cannot change a secret, and
// oidc-provider refuses a new client_secret on PUT), so it goes through this one interface:
// implemented inside the embedded server; for an external server, platform staff rotate.

export interface SecretRotator {
  /** Issues a new secret inside `tx`; the old one keeps working for `graceSeconds`. */
  rotate(tx: Prisma.TransactionClient, clientId: string, graceSeconds: number): Promise<string>;
}

/** The embedded server's rotation: writes the client's stored record directly. */
const embeddedRotator: SecretRotator = {
  async rotate(tx, clientId, graceSeconds) {
    const row = await tx.oidcPayload.findUnique({ where: { type_id: { type: "Client", id: clientId } }, select: { payload: true } });
    if (!row) throw new Error("The client does not exist at the authorization server.");
    const payload = decodeClient(row.payload as Record<string, unknown>);
    const oldSecret = String(payload.client_secret ?? "");
    const now = Math.floor(Date.now() / 1000);
    const previous = ((payload.previous_secrets as PreviousSecret[] | undefined) ?? []).filter((p) => p.expires_at > now);
    if (graceSeconds > 0 && oldSecret) {
      previous.push({ secret_sha256: createHash("sha256").update(oldSecret).digest("hex"), expires_at: now + graceSeconds });
    }
    const secret = randomBytes(15).toString("hex");
    const next = encodeClient({ ...payload, client_secret: secret, previous_secrets: previous });
    await tx.oidcPayload.update({ where: { type_id: { type: "Client", id: clientId } }, data: { payload: next as Prisma.InputJsonValue } });
    return secret;
  },
};

export function rotatorFor(issuer: string): SecretRotator | undefined {
  return isEmbeddedIssuer(issuer) ? embeddedRotator : undefined;
}

export const GRACE_PERIODS = [
  { value: 0, label: "None: the old secret stops working now" },
  { value: 3600, label: "1 hour" },
  { value: 86400, label: "24 hours" },
  { value: 7 * 86400, label: "7 days" },
] as const;

/**
 * RFC 7592 PUT replaces a client's whole record, so the embedded server would forget the
 * secrets still inside their grace period. Runs `update` and then puts them back.
 */
export async function keepingRotationState<T>(issuer: string, clientId: string, update: () => Promise<T>): Promise<T> {
  if (!isEmbeddedIssuer(issuer)) return update();
  const client = await db();
  const key = { type_id: { type: "Client", id: clientId } };
  const before = await client.oidcPayload.findUnique({ where: key, select: { payload: true } });
  const previous = (before?.payload as { previous_secrets?: PreviousSecret[] } | undefined)?.previous_secrets;
  const result = await update();
  if (previous?.length) {
    const after = await client.oidcPayload.findUnique({ where: key, select: { payload: true } });
    if (after) {
      const payload = { ...(after.payload as Record<string, unknown>), previous_secrets: previous };
      await client.oidcPayload.update({ where: key, data: { payload: payload as Prisma.InputJsonValue } });
    }
  }
  return result;
}
