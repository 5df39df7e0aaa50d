import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { storeProvisioning } from "@/lib/db/credentials";
import { isUuid } from "@/lib/db/ids";
import { fromDbEnvironment } from "@/lib/db/registrations";
import { DomainError } from "@/lib/errors";
import type { Person, Tx } from "@/lib/db/actors";
import { absoluteUrl } from "@/lib/mail";
import { draftSchema } from "@/lib/registration/schema";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { currentClientSecret } from "./credentials";
import { issuerFor } from "./issuers";
import { keepingRotationState } from "./rotation";
import { ProvisioningError, clientMetadata, deleteClient, registerClient, updateClient } from "./provisioning";

// A registration's client at the authorization server: provisioned on approval (first time:
// RFC 7591 register; later approvals: RFC 7592 PUT), linked by hand for servers the portal
// cannot provision, revoked with RFC 7592 DELETE.

type Precheck = {
  data: unknown;
  registration: {
    environment: "STAGING" | "PRODUCTION";
    clientId: string | null;
    provisioningMode: "DYNAMIC" | "MANUAL" | null;
    issuer: string | null;
    registrationClientUri: string | null;
    registrationAccessTokenEnc: string | null;
    revokedAt: Date | null;
  };
};

export type Provisioned = { writes: (tx: Tx) => Promise<void>; undo: () => Promise<void> };

/** Pushes the approved configuration to the server; throws DomainError("upstream") if it refuses. */
export async function provisionForApproval(registrationId: string, pre: Precheck, admin: Person, organizationId: string): Promise<Provisioned> {
  const r = pre.registration;
  const environment = fromDbEnvironment(r.environment);
  if (r.provisioningMode === "MANUAL" && r.clientId && !r.revokedAt) {
    return { writes: async () => undefined, undo: async () => undefined }; // linked by hand: nothing to push
  }
  const data = draftSchema.parse(pre.data);
  const metadata = clientMetadata(data, environment, data.logoId ? absoluteUrl(`/api/logos/${data.logoId}`) : null);
  try {
    if (r.clientId && r.provisioningMode === "DYNAMIC" && !r.revokedAt && r.registrationClientUri && r.registrationAccessTokenEnc && r.issuer) {
      const updated = await keepingRotationState(r.issuer, r.clientId, () =>
        updateClient(r.registrationClientUri!, decryptSecret(r.registrationAccessTokenEnc!), r.clientId!, metadata),
      );
      // The server rotated the registration access token: keep the new one now, whatever
      // becomes of the approval, or the client could never be managed again.
      if (updated.registrationAccessToken) {
        await (await db()).registration.update({
          where: { id: registrationId },
          data: { registrationAccessTokenEnc: encryptSecret(updated.registrationAccessToken), registrationClientUri: updated.registrationClientUri },
          select: { id: true },
        });
      }
      // PUT answers with the client's secret; only one we do not hold yet (a public client
      // that became confidential) is stored.
      const known = await currentClientSecret(registrationId);
      const newSecret = updated.clientSecret && updated.clientSecret !== known ? updated.clientSecret : null;
      return {
        writes: async (tx) => {
          await storeProvisioning(tx, registrationId, { ...updated, clientSecret: newSecret, issuer: r.issuer!, mode: "DYNAMIC" });
          await audit(tx, admin, organizationId, registrationId, "credential.client_updated", `The approved configuration was pushed to client ${updated.clientId} (RFC 7592)`);
        },
        undo: async () => undefined,
      };
    }
    const target = issuerFor(environment);
    if (!target) {
      throw new DomainError("invalid", "No authorization server is configured for Production, so the portal cannot create this client. Link the client ID that platform staff issued (below), then approve.");
    }
    const created = await registerClient(target.issuer, target.initialAccessToken, metadata);
    return {
      writes: async (tx) => {
        await storeProvisioning(tx, registrationId, { ...created, issuer: target.issuer, mode: "DYNAMIC" });
        await audit(tx, admin, organizationId, registrationId, "credential.client_provisioned", `Client ${created.clientId} was created at ${target.issuer} (RFC 7591)`);
      },
      undo: async () => {
        if (created.registrationClientUri && created.registrationAccessToken) {
          await deleteClient(created.registrationClientUri, created.registrationAccessToken).catch(() => undefined);
        }
      },
    };
  } catch (error) {
    if (error instanceof ProvisioningError) throw new DomainError("upstream", error.message);
    throw error;
  }
}

async function audit(tx: Tx, actor: Person, organizationId: string, registrationId: string, action: string, summary: string) {
  await recordAudit(tx, { actor: { ...actor, role: "admin" }, action, summary, organizationId, registrationId });
}

/** An admin links a client ID issued elsewhere (manual provisioning; the portal holds no secret). */
export async function linkClient(registrationId: string, input: { clientId: string; issuer: string }, admin: Person) {
  if (!isUuid(registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  await client.$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({ where: { id: registrationId }, select: { organizationId: true, clientId: true, revokedAt: true } });
    if (!registration) throw new DomainError("not_found", "No such registration.");
    if (registration.clientId && !registration.revokedAt) throw new DomainError("conflict", `This registration already has client ${registration.clientId}.`);
    await storeProvisioning(tx, registrationId, { clientId: input.clientId, issuer: input.issuer, mode: "MANUAL", clientSecret: null, registrationAccessToken: null, registrationClientUri: null });
    await audit(tx, admin, registration.organizationId, registrationId, "credential.client_linked", `${admin.name} linked client ${input.clientId} issued at ${input.issuer}`);
  });
}

/** Revokes: deletes the client at the server (RFC 7592), then ends the live state. */
export async function revokeRegistration(registrationId: string, actor: Person & { role: "admin" | "partner" }, organizationId?: string) {
  if (!isUuid(registrationId)) throw new DomainError("not_found", "No such registration.");
  const client = await db();
  const registration = await client.registration.findFirst({
    where: { id: registrationId, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, clientId: true, provisioningMode: true, registrationClientUri: true, registrationAccessTokenEnc: true, revokedAt: true },
  });
  if (!registration) throw new DomainError("not_found", "No such registration.");
  if (!registration.clientId || registration.revokedAt) throw new DomainError("conflict", "This registration has no live client to revoke.");
  if (registration.provisioningMode === "MANUAL") {
    throw new DomainError("invalid", "This client ID was issued by platform staff outside the portal, so platform staff revoke it. Contact them.");
  }
  try {
    await deleteClient(registration.registrationClientUri!, decryptSecret(registration.registrationAccessTokenEnc!));
  } catch (error) {
    if (error instanceof ProvisioningError) throw new DomainError("upstream", error.message);
    throw error;
  }
  await client.$transaction(async (tx) => {
    await tx.registration.update({ where: { id: registrationId }, data: { revokedAt: new Date(), registrationAccessTokenEnc: null }, select: { id: true } });
    await tx.clientSecret.updateMany({ where: { registrationId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] }, data: { expiresAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "credential.client_revoked",
      summary: `${actor.name} revoked client ${registration.clientId}: it was deleted at the authorization server`,
      organizationId: registration.organizationId,
      registrationId,
    });
  });
}
