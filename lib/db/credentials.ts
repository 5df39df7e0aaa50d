import "server-only";
import { clientTypeInfo } from "@/lib/registration/fields";
import { readStoredDraft } from "@/lib/registration/stored";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { recordAudit, type AuditInput } from "./audit";
import { db } from "./index";
import { isUuid } from "./ids";
import { forgetSecretUsage, secretUsage, sha256Hex, type SecretUsage } from "./secret-usage";
import type { Person, Tx } from "./actors";

// The data of a registration's client credentials: the client recorded on the registration and
// its secrets, stored encrypted, revealed to a member exactly once, afterwards known only by
// their last four characters. The rules and the audit rows' words are the credentials service's
// (lib/domain/credentials.ts); each write here runs in one transaction with the audit row it is given.

export type ClientCredentials = {
  registrationId: string;
  organizationId: string;
  clientId: string;
  issuer: string;
  mode: "DYNAMIC" | "MANUAL";
  tokenEndpointAuthMethod: "client_secret_basic" | "none";
  redirectUris: string[];
  scopes: string[];
  revoked: boolean;
};

/** The provisioned client of a registration of this organization, or null. */
export async function getClientCredentials(organizationId: string, registrationId: string): Promise<ClientCredentials | null> {
  if (!isUuid(registrationId)) return null;
  const row = await (
    await db()
  ).registration.findFirst({
    where: { id: registrationId, organizationId, clientId: { not: null } },
    select: {
      id: true,
      organizationId: true,
      clientId: true,
      issuer: true,
      provisioningMode: true,
      revokedAt: true,
      revisions: { where: { status: "APPROVED" }, orderBy: { number: "desc" }, take: 1, select: { data: true } },
    },
  });
  const stored = row?.revisions[0];
  if (!row || !row.clientId || !row.issuer || !row.provisioningMode || !stored) return null;
  const live = readStoredDraft(stored.data).data;
  return {
    registrationId: row.id,
    organizationId: row.organizationId,
    clientId: row.clientId,
    issuer: row.issuer,
    mode: row.provisioningMode,
    tokenEndpointAuthMethod: clientTypeInfo(live.clientType).tokenEndpointAuthMethod,
    redirectUris: live.redirectUris,
    scopes: live.scopes,
    revoked: Boolean(row.revokedAt),
  };
}

/** The newest secret of a dynamically provisioned confidential client (server-side use only). */
export async function currentClientSecret(registrationId: string): Promise<string | null> {
  if (!isUuid(registrationId)) return null;
  const row = await (
    await db()
  ).clientSecret.findFirst({
    where: { registrationId, expiresAt: null },
    orderBy: { createdAt: "desc" },
    select: { secretEnc: true },
  });
  return row ? decryptSecret(row.secretEnc) : null;
}

/**
 * The registration's secrets, newest first; `working` tells whether each still authenticates,
 * and, for those, when the embedded server last saw each one at its token endpoint (by the
 * partner's apps, and by the portal's Test connection). For another server nothing is recorded.
 */
export async function listSecrets(organizationId: string, registrationId: string) {
  if (!isUuid(registrationId)) return [];
  const client = await db();
  const rows = await client.clientSecret.findMany({
    where: { registrationId, registration: { organizationId } },
    orderBy: { createdAt: "desc" },
    select: { id: true, last4: true, createdAt: true, revealedAt: true, revealedByName: true, expiresAt: true, secretEnc: true },
  });
  const now = Date.now();
  const working = rows.filter((r) => !r.expiresAt || r.expiresAt.getTime() > now);
  // Uses are kept by the secret's SHA-256; only the few working secrets are decrypted to find theirs.
  const hashes = new Map(working.map((r) => [r.id, sha256Hex(decryptSecret(r.secretEnc))]));
  const registration = working.length ? await client.registration.findUnique({ where: { id: registrationId }, select: { clientId: true } }) : null;
  const usage = registration?.clientId ? await secretUsage(registration.clientId, [...hashes.values()]) : new Map<string, SecretUsage>();
  return rows.map(({ secretEnc: _secretEnc, ...r }) => {
    const used = usage.get(hashes.get(r.id) ?? "");
    return { ...r, working: hashes.has(r.id), lastUsedAt: used?.lastUsedAt ?? null, lastTestedAt: used?.lastTestedAt ?? null };
  });
}

export function secretRow(registrationId: string, secret: string) {
  return { registrationId, secretEnc: encryptSecret(secret), last4: secret.slice(-4) };
}

type ProvisionedClient = {
  clientId: string;
  issuer: string;
  mode: "DYNAMIC" | "MANUAL";
  clientSecret: string | null;
  registrationAccessToken: string | null;
  registrationClientUri: string | null;
};

/** Records a provisioned client on the registration (inside the approval's transaction). */
export async function storeProvisioning(tx: Tx, registrationId: string, input: ProvisionedClient) {
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

/** Keeps the registration access token the server rotated on an RFC 7592 PUT. */
export async function storeRegistrationAccessToken(registrationId: string, token: string, registrationClientUri: string | null) {
  await (
    await db()
  ).registration.update({
    where: { id: registrationId },
    data: { registrationAccessTokenEnc: encryptSecret(token), registrationClientUri },
    select: { id: true },
  });
}

/** Links a client issued elsewhere, unless the registration has a live client already. */
export async function storeLinkedClient(
  registrationId: string,
  input: { clientId: string; issuer: string },
  audit: (organizationId: string) => AuditInput,
): Promise<{ status: "linked" | "not_found" } | { status: "has_client"; clientId: string }> {
  if (!isUuid(registrationId)) return { status: "not_found" };
  return (await db()).$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({ where: { id: registrationId }, select: { organizationId: true, clientId: true, revokedAt: true } });
    if (!registration) return { status: "not_found" as const };
    if (registration.clientId && !registration.revokedAt) return { status: "has_client" as const, clientId: registration.clientId };
    await storeProvisioning(tx, registrationId, { ...input, mode: "MANUAL", clientSecret: null, registrationAccessToken: null, registrationClientUri: null });
    await recordAudit(tx, audit(registration.organizationId));
    return { status: "linked" as const };
  });
}

/** What revoking a registration's client needs to know (of this organization, when given). */
export async function clientToRevoke(registrationId: string, organizationId?: string) {
  if (!isUuid(registrationId)) return null;
  const row = await (
    await db()
  ).registration.findFirst({
    where: { id: registrationId, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, clientId: true, provisioningMode: true, registrationClientUri: true, registrationAccessTokenEnc: true, revokedAt: true },
  });
  if (!row) return null;
  const { registrationAccessTokenEnc: enc, ...rest } = row;
  return { ...rest, registrationAccessToken: enc ? decryptSecret(enc) : null };
}

/** Ends the live state after the client was deleted at the server: no secret works any more. */
export async function storeRevocation(registrationId: string, audit: AuditInput) {
  await (
    await db()
  ).$transaction(async (tx) => {
    const { clientId } = await tx.registration.update({
      where: { id: registrationId },
      data: { revokedAt: new Date(), registrationAccessTokenEnc: null },
      select: { clientId: true },
    });
    if (clientId) await forgetSecretUsage(tx, clientId);
    await tx.clientSecret.updateMany({
      where: { registrationId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      data: { expiresAt: new Date() },
    });
    await recordAudit(tx, audit);
  });
}

export type Reveal = { status: "revealed"; secret: string } | { status: "already_revealed" | "owners_only" | "none" };

/**
 * Marks the current secret revealed by `member` and returns it, for the first caller only;
 * everyone after gets "already_revealed". A secret made by a rotation (an older one exists)
 * goes to an owner only (`owner`).
 */
export async function revealCurrentSecret(
  organizationId: string,
  registrationId: string,
  member: Person,
  owner: boolean,
  audit: (last4: string) => AuditInput,
): Promise<Reveal> {
  if (!isUuid(registrationId)) return { status: "none" };
  return (await db()).$transaction(async (tx) => {
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
    await recordAudit(tx, audit(current.last4));
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
  graceSeconds: number,
  rotate: (tx: Tx) => Promise<string>,
  audit: (old: { last4: string } | null, until: Date) => AuditInput,
) {
  const client = await db();
  await client.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text FROM "Registration" WHERE id = ${registrationId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length !== 1) throw new Error("No such registration.");
    const secret = await rotate(tx);
    const old = await tx.clientSecret.findFirst({
      where: { registrationId, expiresAt: null, registration: { organizationId } },
      select: { id: true, last4: true },
    });
    const until = new Date(Date.now() + graceSeconds * 1000);
    if (old) await tx.clientSecret.update({ where: { id: old.id }, data: { expiresAt: until }, select: { id: true } });
    await tx.clientSecret.create({ data: secretRow(registrationId, secret), select: { id: true } });
    await recordAudit(tx, audit(old, until));
  });
}

export type Retirement = { status: "retired"; last4: string } | { status: "not_in_grace" };

/**
 * Ends a previous secret's grace period now, in one transaction with the authorization server's
 * change (`retire`, given the secret's SHA-256) and the audit row. It takes the rotation's row
 * lock, so a retirement and a rotation take turns. Only a secret still inside its grace period
 * can be retired; one that has ended (or was never a previous secret) is "not_in_grace".
 */
export async function retireStoredPreviousSecret(
  organizationId: string,
  registrationId: string,
  secretId: string,
  retire: (tx: Tx, secretSha256: string) => Promise<void>,
  audit: (secret: { last4: string; expiresAt: Date }) => AuditInput,
): Promise<Retirement> {
  if (!isUuid(secretId)) return { status: "not_in_grace" };
  return (await db()).$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text FROM "Registration" WHERE id = ${registrationId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length !== 1) throw new Error("No such registration.");
    const now = new Date();
    const secret = await tx.clientSecret.findFirst({
      where: { id: secretId, registrationId, expiresAt: { gt: now } },
      select: { id: true, last4: true, expiresAt: true, secretEnc: true },
    });
    if (!secret) return { status: "not_in_grace" as const };
    await retire(tx, sha256Hex(decryptSecret(secret.secretEnc)));
    await tx.clientSecret.update({ where: { id: secret.id }, data: { expiresAt: now }, select: { id: true } });
    await recordAudit(tx, audit({ last4: secret.last4, expiresAt: secret.expiresAt! }));
    return { status: "retired" as const, last4: secret.last4 };
  });
}
