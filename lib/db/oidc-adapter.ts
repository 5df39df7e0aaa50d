import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cleanInput, refusalMessage } from "@/lib/http/clean-input";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { LONE_SURROGATE, NUL } from "@/lib/text/unicode";
import { db } from "./index";
import type { Tx } from "./actors";

// oidc-provider's storage interface on the portal's database, so the embedded authorization
// server keeps clients, sessions, grants, codes and tokens across restarts and instances.
//
// Nothing usable is stored in the clear: bearer values (tokens and codes, whose id is the
// value itself) are stored under their SHA-256 with the copy inside the payload removed, and
// clients' secrets are encrypted (AES-256-GCM with the data-encryption key).

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string };

/** Secrets replaced by a rotation keep working until they expire (the grace period). */
export type PreviousSecret = { secret_sha256: string; expires_at: number };

/** OidcPayload.payload as stored: an object of oidc-provider's fields; anything else reads as empty. */
function readPayload(json: Prisma.JsonValue): Payload {
  return json !== null && typeof json === "object" && !Array.isArray(json) ? { ...json } : {};
}

/** A client record's previous_secrets: the well-formed entries only (a malformed one never matches). */
export function readPreviousSecrets(value: unknown): PreviousSecret[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is PreviousSecret => typeof p === "object" && p !== null && typeof p.secret_sha256 === "string" && typeof p.expires_at === "number",
  );
}

// Requests reach the authorization server through oidc-provider's own parsing, not route(), so
// this is where their text meets the database. Following the input rule (lib/http/clean-input.ts),
// an id that cannot be stored names nothing, and a payload that cannot be stored (a NUL in a
// state or login_hint) is refused as invalid_request instead of failing in the database (500).
const storableId = (id: string) => !NUL.test(id) && !LONE_SURROGATE.test(id);

const BEARER_TYPES = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "RegistrationAccessToken",
  "ClientCredentials",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);

/** A client record as stored: its secret encrypted. */
function encodeClient(payload: Payload): Payload {
  const { client_secret: secret, ...rest } = payload;
  return typeof secret === "string" ? { ...rest, client_secret_enc: encryptSecret(secret) } : payload;
}

/** A stored client record as oidc-provider expects it. */
function decodeClient(stored: Payload): Payload {
  const { client_secret_enc: enc, ...rest } = stored;
  return typeof enc === "string" ? { ...rest, client_secret: decryptSecret(enc) } : stored;
}

export class PortalOidcAdapter {
  private readonly bearer: boolean;

  constructor(private readonly type: string) {
    this.bearer = BEARER_TYPES.has(type);
  }

  private key(id: string) {
    return this.bearer ? createHash("sha256").update(id).digest("base64url") : id;
  }

  private encode(payload: Payload): Payload {
    if (this.type === "Client") return encodeClient(payload);
    if (this.bearer) {
      const { jti: _jti, ...rest } = payload;
      return rest;
    }
    return payload;
  }

  private decode(id: string | undefined, payload: Payload): Payload {
    if (this.type === "Client") return decodeClient(payload);
    return this.bearer && id ? { ...payload, jti: id } : payload;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number) {
    const check = cleanInput({ id, payload });
    if (!check.ok) {
      const { errors } = await import("oidc-provider");
      throw new errors.InvalidRequest(refusalMessage({ ...check.refusal, path: check.refusal.path.slice(1) }, "the request"));
    }
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    const data = {
      payload: this.encode(payload) as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt,
    };
    const key = this.key(id);
    await (
      await db()
    ).oidcPayload.upsert({
      where: { type_id: { type: this.type, id: key } },
      create: { type: this.type, id: key, ...data },
      update: data,
      select: { id: true },
    });
  }

  private async findWhere(where: Prisma.OidcPayloadWhereInput, id?: string) {
    if ([id, where.id, where.uid, where.userCode].some((v) => typeof v === "string" && !storableId(v))) return undefined;
    const row = await (
      await db()
    ).oidcPayload.findFirst({ where: { type: this.type, ...where }, select: { payload: true, expiresAt: true, consumedAt: true } });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
    return { ...this.decode(id, readPayload(row.payload)), ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}) };
  }

  find(id: string) {
    return this.findWhere({ id: this.key(id) }, id);
  }

  findByUserCode(userCode: string) {
    return this.findWhere({ userCode });
  }

  findByUid(uid: string) {
    return this.findWhere({ uid });
  }

  async consume(id: string) {
    if (!storableId(id)) return;
    await (await db()).oidcPayload.updateMany({ where: { type: this.type, id: this.key(id) }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string) {
    if (!storableId(id)) return;
    await (await db()).oidcPayload.deleteMany({ where: { type: this.type, id: this.key(id) } });
  }

  async revokeByGrantId(grantId: string) {
    await (await db()).oidcPayload.deleteMany({ where: { grantId } });
  }
}

// Storage the embedded server needs outside oidc-provider's own interface: its signing key,
// and the client records that secret rotation (lib/oauth/rotation.ts) changes directly.

const CLIENT = (clientId: string) => ({ type_id: { type: "Client", id: clientId } });

/** A client's record as oidc-provider sees it (secret decrypted), or null. */
export async function readClientRecord(tx: Tx, clientId: string): Promise<Payload | null> {
  const row = await tx.oidcPayload.findUnique({ where: CLIENT(clientId), select: { payload: true } });
  return row ? decodeClient(readPayload(row.payload)) : null;
}

/** Replaces a client's record (its secret encrypted again). */
export async function writeClientRecord(tx: Tx, clientId: string, payload: Payload) {
  await tx.oidcPayload.update({ where: CLIENT(clientId), data: { payload: encodeClient(payload) as Prisma.InputJsonValue } });
}

/** The secrets of a client still inside their grace period, as stored. */
export async function storedPreviousSecrets(clientId: string): Promise<PreviousSecret[] | undefined> {
  const row = await (await db()).oidcPayload.findUnique({ where: CLIENT(clientId), select: { payload: true } });
  return (row?.payload as { previous_secrets?: PreviousSecret[] } | undefined)?.previous_secrets;
}

/** Puts back the secrets still inside their grace period, if the client still exists. */
export async function restorePreviousSecrets(clientId: string, previous: PreviousSecret[]) {
  const client = await db();
  const after = await client.oidcPayload.findUnique({ where: CLIENT(clientId), select: { payload: true } });
  if (!after) return;
  const payload = { ...readPayload(after.payload), previous_secrets: previous };
  await client.oidcPayload.update({ where: CLIENT(clientId), data: { payload: payload as Prisma.InputJsonValue } });
}

const SIGNING_KEY = { type_id: { type: "PortalSigningKey", id: "current" } };

/** The embedded server's signing key (a private JWK), kept encrypted; null until one is saved. */
export async function readSigningKey(): Promise<Record<string, unknown> | null> {
  const row = await (await db()).oidcPayload.findUnique({ where: SIGNING_KEY, select: { payload: true } });
  return row ? JSON.parse(decryptSecret((row.payload as { enc: string }).enc)) : null;
}

/** Saves the signing key unless another instance saved one first (then theirs is the key). */
export async function saveSigningKey(jwk: Record<string, unknown>) {
  await (
    await db()
  ).oidcPayload
    .create({ data: { type: "PortalSigningKey", id: "current", payload: { enc: encryptSecret(JSON.stringify(jwk)) } } })
    .catch(() => undefined);
}
