import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

// oidc-provider's storage interface on the portal's database, so the embedded authorization
// server keeps clients, sessions, grants, codes and tokens across restarts and instances.

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string };

export class PortalOidcAdapter {
  constructor(private readonly type: string) {}

  async upsert(id: string, payload: Payload, expiresIn?: number) {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    const data = {
      payload: payload as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt,
    };
    await (await db()).oidcPayload.upsert({ where: { type_id: { type: this.type, id } }, create: { type: this.type, id, ...data }, update: data, select: { id: true } });
  }

  private async findWhere(where: Prisma.OidcPayloadWhereInput) {
    const row = await (await db()).oidcPayload.findFirst({ where: { type: this.type, ...where }, select: { payload: true, expiresAt: true, consumedAt: true } });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
    return { ...(row.payload as Payload), ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}) };
  }

  find(id: string) {
    return this.findWhere({ id });
  }

  findByUserCode(userCode: string) {
    return this.findWhere({ userCode });
  }

  findByUid(uid: string) {
    return this.findWhere({ uid });
  }

  async consume(id: string) {
    await (await db()).oidcPayload.updateMany({ where: { type: this.type, id }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string) {
    await (await db()).oidcPayload.deleteMany({ where: { type: this.type, id } });
  }

  async revokeByGrantId(grantId: string) {
    await (await db()).oidcPayload.deleteMany({ where: { grantId } });
  }
}
