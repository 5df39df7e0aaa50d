import "server-only";
import { notifyOwnersOfRotation } from "@/lib/auth/security-events";
import { recordAudit, type AuditActor } from "@/lib/db/audit";
import { asAdmin, asPartner, type Person, type Tx } from "@/lib/db/actors";
import {
  clientToRevoke,
  currentClientSecret,
  getClientCredentials,
  retireStoredPreviousSecret,
  revealCurrentSecret,
  rotateStoredSecret,
  storeLinkedClient,
  storeProvisioning,
  storeRegistrationAccessToken,
  storeRevocation,
  type ClientCredentials,
  type Reveal,
} from "@/lib/db/credentials";
import { fromDbEnvironment } from "@/lib/db/registrations";
import { DomainError } from "@/lib/errors";
import type { RegistrationData } from "@/lib/registration/fields";
import { absoluteUrl } from "@/lib/mail";
import { issuerFor } from "@/lib/oauth/issuers";
import { ProvisioningError, clientMetadata, deleteClient, registerClient, updateClient } from "@/lib/oauth/provisioning";
import { keepingRotationState, rotatorFor, type SecretRotator } from "@/lib/oauth/rotation";
import { decryptSecret } from "@/lib/security/crypto";

// The credentials aggregate: a registration's client at the authorization server and its
// secrets. This is the one module pages, actions and handlers call to change them: provision
// on approval (first time RFC 7591 register, later approvals RFC 7592 PUT), link a client
// issued elsewhere, reveal a secret once, rotate, revoke (RFC 7592 DELETE). The rules, the
// refusals and the audit rows' words are here; the rows and the transactions that write each
// change together with its audit row are in lib/db/credentials.ts, and the protocol calls in
// lib/oauth. Reads with no rule attached (getClientCredentials, listSecrets) are lib/db's.

/** The grace periods an owner may give the previous secret when rotating. */
export const GRACE_PERIODS = [
  { value: 0, label: "None: the old secret stops working now" },
  { value: 3600, label: "1 hour" },
  { value: 86400, label: "24 hours" },
  { value: 7 * 86400, label: "7 days" },
] as const;

type Precheck = {
  data: RegistrationData;
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

/**
 * Pushes the approved configuration to the server; throws DomainError("upstream") if it refuses.
 * `actor` is who approved (an admin, or the instant-staging policy), for the audit rows.
 */
export async function provisionForApproval(registrationId: string, pre: Precheck, actor: AuditActor, organizationId: string): Promise<Provisioned> {
  const r = pre.registration;
  const environment = fromDbEnvironment(r.environment);
  if (r.provisioningMode === "MANUAL" && r.clientId && !r.revokedAt) {
    return { writes: async () => undefined, undo: async () => undefined }; // linked by hand: nothing to push
  }
  const data = pre.data;
  const metadata = clientMetadata(data, environment, data.logoId ? absoluteUrl(`/api/logos/${data.logoId}`) : null);
  const audit = (action: string, summary: string) => ({ actor, action, summary, organizationId, registrationId });
  try {
    if (r.clientId && r.provisioningMode === "DYNAMIC" && !r.revokedAt && r.registrationClientUri && r.registrationAccessTokenEnc && r.issuer) {
      const updated = await keepingRotationState(r.issuer, r.clientId, () =>
        updateClient(r.registrationClientUri!, decryptSecret(r.registrationAccessTokenEnc!), r.clientId!, metadata),
      );
      // The server rotated the registration access token: keep the new one now, whatever
      // becomes of the approval, or the client could never be managed again.
      if (updated.registrationAccessToken) {
        await storeRegistrationAccessToken(registrationId, updated.registrationAccessToken, updated.registrationClientUri);
      }
      // PUT answers with the client's secret; only one we do not hold yet (a public client
      // that became confidential) is stored.
      const known = await currentClientSecret(registrationId);
      const newSecret = updated.clientSecret && updated.clientSecret !== known ? updated.clientSecret : null;
      return {
        writes: async (tx) => {
          await storeProvisioning(tx, registrationId, { ...updated, clientSecret: newSecret, issuer: r.issuer!, mode: "DYNAMIC" });
          await recordAudit(tx, audit("credential.client_updated", `The approved configuration was pushed to client ${updated.clientId} (RFC 7592)`));
        },
        undo: async () => undefined,
      };
    }
    const target = issuerFor(environment);
    if (!target) {
      throw new DomainError(
        "invalid",
        "No authorization server is configured for Production, so the portal cannot create this client. Link the client ID that platform staff issued (below), then approve.",
      );
    }
    const created = await registerClient(target.issuer, target.initialAccessToken, metadata);
    return {
      writes: async (tx) => {
        await storeProvisioning(tx, registrationId, { ...created, issuer: target.issuer, mode: "DYNAMIC" });
        await recordAudit(tx, audit("credential.client_provisioned", `Client ${created.clientId} was created at ${target.issuer} (RFC 7591)`));
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

/** An admin links a client ID issued elsewhere (manual provisioning; the portal holds no secret). */
export async function linkClient(registrationId: string, input: { clientId: string; issuer: string }, admin: Person) {
  const linked = await storeLinkedClient(registrationId, input, (organizationId) => ({
    actor: asAdmin(admin),
    action: "credential.client_linked",
    summary: `${admin.name} linked client ${input.clientId} issued at ${input.issuer}`,
    organizationId,
    registrationId,
  }));
  if (linked.status === "not_found") throw new DomainError("not_found", "No such registration.");
  if (linked.status === "has_client") throw new DomainError("conflict", `This registration already has client ${linked.clientId}.`);
}

/** Revokes: deletes the client at the server (RFC 7592), then ends the live state. */
export async function revokeRegistration(registrationId: string, actor: Person & { role: "admin" | "partner" }, organizationId?: string) {
  const registration = await clientToRevoke(registrationId, organizationId);
  if (!registration) throw new DomainError("not_found", "No such registration.");
  if (!registration.clientId || registration.revokedAt) throw new DomainError("conflict", "This registration has no live client to revoke.");
  if (registration.provisioningMode === "MANUAL") {
    throw new DomainError("invalid", "This client ID was issued by platform staff outside the portal, so platform staff revoke it. Contact them.");
  }
  try {
    await deleteClient(registration.registrationClientUri!, registration.registrationAccessToken!);
  } catch (error) {
    if (error instanceof ProvisioningError) throw new DomainError("upstream", error.message);
    throw error;
  }
  await storeRevocation(registrationId, {
    actor,
    action: "credential.client_revoked",
    summary: `${actor.name} revoked client ${registration.clientId}: it was deleted at the authorization server`,
    organizationId: registration.organizationId,
    registrationId,
  });
}

/**
 * Reveals the current secret to a member, once: the first caller gets it; everyone after gets
 * "already_revealed". A secret made by a rotation is revealed to an owner only (`owner`),
 * since rotating and handling rotated secrets are owners' business.
 */
export function revealSecretOnce(organizationId: string, registrationId: string, member: Person, owner: boolean): Promise<Reveal> {
  return revealCurrentSecret(organizationId, registrationId, member, owner, (last4) => ({
    actor: asPartner(member),
    action: "credential.secret_revealed",
    summary: `${member.name} revealed the client secret ending in ${last4}`,
    organizationId,
    registrationId,
  }));
}

export type Rotation = { status: "rotated" | "no_live_client" | "public_client" | "rotated_by_staff" };

/**
 * Only a dynamically provisioned confidential client at a server the portal can rotate at
 * (lib/oauth/rotation.ts) has secrets the portal rotates and retires; otherwise the status says why not.
 */
async function rotatableClient(
  organizationId: string,
  registrationId: string,
): Promise<{ creds: ClientCredentials; rotator: SecretRotator } | { status: "no_live_client" | "public_client" | "rotated_by_staff" }> {
  const creds = await getClientCredentials(organizationId, registrationId);
  if (!creds || creds.revoked) return { status: "no_live_client" };
  if (creds.tokenEndpointAuthMethod === "none") return { status: "public_client" };
  const rotator = creds.mode === "DYNAMIC" ? rotatorFor(creds.issuer) : undefined;
  return rotator ? { creds, rotator } : { status: "rotated_by_staff" };
}

/**
 * An owner rotates the secret; the previous one keeps working for `graceSeconds`, and every
 * owner is told (see rotatableClient for which clients have a secret to rotate).
 */
export async function rotateSecret(organizationId: string, registrationId: string, owner: Person, graceSeconds: number): Promise<Rotation> {
  const target = await rotatableClient(organizationId, registrationId);
  if ("status" in target) return target;
  const { creds, rotator } = target;
  await rotateStoredSecret(
    organizationId,
    registrationId,
    graceSeconds,
    (tx) => rotator.rotate(tx, creds.clientId, graceSeconds),
    (old, until) => ({
      actor: asPartner(owner),
      action: "credential.secret_rotated",
      summary: `${owner.name} rotated the client secret${old ? ` (the one ending in ${old.last4} works until ${until.toISOString()})` : ""}`,
      organizationId,
      registrationId,
      after: { graceSeconds },
    }),
  );
  await notifyOwnersOfRotation(organizationId, registrationId, owner, graceSeconds);
  return { status: "rotated" };
}

export type Retire = { status: "retired" | "no_live_client" | "public_client" | "rotated_by_staff" | "not_in_grace" };

/**
 * An owner ends a previous secret's grace period early (the panel shows when each was last
 * used, so they can tell their apps have moved on): it stops working at the server at once.
 * Only where the portal rotates (lib/oauth/rotation.ts) are there previous secrets to retire.
 */
export async function retirePreviousSecret(organizationId: string, registrationId: string, secretId: string, owner: Person): Promise<Retire> {
  const target = await rotatableClient(organizationId, registrationId);
  if ("status" in target) return target;
  const { creds, rotator } = target;
  const retired = await retireStoredPreviousSecret(
    organizationId,
    registrationId,
    secretId,
    (tx, secretSha256) => rotator.retirePrevious(tx, creds.clientId, secretSha256),
    (secret) => ({
      actor: asPartner(owner),
      action: "credential.previous_secret_retired",
      summary: `${owner.name} retired the previous client secret ending in ${secret.last4} (its grace period ran until ${secret.expiresAt.toISOString()}): it no longer works`,
      organizationId,
      registrationId,
      before: { expiresAt: secret.expiresAt.toISOString() },
    }),
  );
  return { status: retired.status };
}
