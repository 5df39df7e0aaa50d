import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { recordAudit } from "./audit";
import { db } from "./index";
import { isUuid } from "./ids";
import type { Person, Tx } from "./actors";

// Client secrets of a registration: stored encrypted, revealed to a member exactly once,
// afterwards known only by their last four characters.

export function secretRow(registrationId: string, secret: string) {
  return { registrationId, secretEnc: encryptSecret(secret), last4: secret.slice(-4) };
}

/** Records a provisioned client on the registration (inside the approval's transaction). */
export async function storeProvisioning(
  tx: Tx,
  registrationId: string,
  input: { clientId: string; issuer: string; mode: "DYNAMIC" | "MANUAL"; clientSecret: string | null; registrationAccessToken: string | null; registrationClientUri: string | null },
) {
  await tx.registration.update({
    where: { id: registrationId },
    data: {
      clientId: input.clientId,
      issuer: input.issuer,
      provisioningMode: input.mode,
      registrationClientUri: input.registrationClientUri,
      registrationAccessTokenEnc: input.registrationAccessToken ? encryptSecret(input.registrationAccessToken) : null,
      provisionedAt: new Date(),
      revokedAt: null,
    },
    select: { id: true },
  });
  if (input.clientSecret) {
    // A new secret replaces any earlier one at once (a new client, or a public client turned confidential).
    await tx.clientSecret.updateMany({ where: { registrationId, expiresAt: null }, data: { expiresAt: new Date() } });
    await tx.clientSecret.create({ data: secretRow(registrationId, input.clientSecret), select: { id: true } });
  }
}

/** The registration's secrets, newest first; `working` tells whether each still authenticates. */
export async function listSecrets(organizationId: string, registrationId: string) {
  if (!isUuid(registrationId)) return [];
  const rows = await (await db()).clientSecret.findMany({
    where: { registrationId, registration: { organizationId } },
    orderBy: { createdAt: "desc" },
    select: { id: true, last4: true, createdAt: true, revealedAt: true, revealedByName: true, expiresAt: true },
  });
  const now = Date.now();
  return rows.map((r) => ({ ...r, working: !r.expiresAt || r.expiresAt.getTime() > now }));
}

export type Reveal = { status: "revealed"; secret: string } | { status: "already_revealed" | "owners_only" | "none" };

/**
 * Reveals the current secret to a member, once: the first caller marks it revealed and gets
 * it; everyone after gets "already_revealed". A secret made by a rotation is revealed to an
 * owner only (`owner`), since rotating and handling rotated secrets are owners' business.
 */
export async function revealSecretOnce(organizationId: string, registrationId: string, member: Person, owner: boolean): Promise<Reveal> {
  if (!isUuid(registrationId)) return { status: "none" };
  const client = await db();
  return client.$transaction(async (tx) => {
    const current = await tx.clientSecret.findFirst({
      where: { registrationId, expiresAt: null, registration: { organizationId } },
      orderBy: { createdAt: "desc" },
      select: { id: true, secretEnc: true, last4: true, createdAt: true },
    });
    if (!current) return { status: "none" };
    const rotated = await tx.clientSecret.count({ where: { registrationId, createdAt: { lt: current.createdAt } } });
    if (rotated > 0 && !owner) return { status: "owners_only" };
    const { count } = await tx.clientSecret.updateMany({
      where: { id: current.id, revealedAt: null },
      data: { revealedAt: new Date(), revealedById: member.id, revealedByName: member.name },
    });
    if (count !== 1) return { status: "already_revealed" };
    await recordAudit(tx, {
      actor: { ...member, role: "partner" },
      action: "credential.secret_revealed",
      summary: `${member.name} revealed the client secret ending in ${current.last4}`,
      organizationId,
      registrationId,
    });
    return { status: "revealed", secret: decryptSecret(current.secretEnc) };
  });
}

/**
 * Rotation, in one transaction: `rotate` changes the secret at the authorization server (for
 * the embedded one, in this same database) and the portal stores the new secret, so the two
 * never disagree. A row lock on the registration makes concurrent rotations take turns.
 */
export async function rotateStoredSecret(
  organizationId: string,
  registrationId: string,
  member: Person,
  graceSeconds: number,
  rotate: (tx: Tx) => Promise<string>,
) {
  const client = await db();
  await client.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "Registration" WHERE id = ${registrationId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length !== 1) throw new Error("No such registration.");
    const secret = await rotate(tx);
    const old = await tx.clientSecret.findFirst({ where: { registrationId, expiresAt: null, registration: { organizationId } }, select: { id: true, last4: true } });
    const until = new Date(Date.now() + graceSeconds * 1000);
    if (old) await tx.clientSecret.update({ where: { id: old.id }, data: { expiresAt: until }, select: { id: true } });
    await tx.clientSecret.create({ data: secretRow(registrationId, secret), select: { id: true } });
    await recordAudit(tx, {
      actor: { ...member, role: "partner" },
      action: "credential.secret_rotated",
      summary: `${member.name} rotated the client secret${old ? ` (the one ending in ${old.last4} works until ${until.toISOString()})` : ""}`,
      organizationId,
      registrationId,
      after: { graceSeconds },
    });
  });
}
