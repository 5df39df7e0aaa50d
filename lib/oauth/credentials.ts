import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/db/ids";
import { decryptSecret } from "@/lib/security/crypto";

// Read side of a registration's client credentials, for Test connection and the status page.

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
  const row = await (await db()).registration.findFirst({
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
  const live = row?.revisions[0]?.data as { clientType?: string; redirectUris?: string[]; scopes?: string[] } | undefined;
  if (!row || !row.clientId || !row.issuer || !row.provisioningMode || !live) return null;
  return {
    registrationId: row.id,
    organizationId: row.organizationId,
    clientId: row.clientId,
    issuer: row.issuer,
    mode: row.provisioningMode,
    tokenEndpointAuthMethod: live.clientType === "confidential" ? "client_secret_basic" : "none",
    redirectUris: live.redirectUris ?? [],
    scopes: live.scopes ?? [],
    revoked: Boolean(row.revokedAt),
  };
}

/** The newest secret of a dynamically provisioned confidential client (server-side use only). */
export async function currentClientSecret(registrationId: string): Promise<string | null> {
  if (!isUuid(registrationId)) return null;
  const row = await (await db()).clientSecret.findFirst({
    where: { registrationId, expiresAt: null },
    orderBy: { createdAt: "desc" },
    select: { secretEnc: true },
  });
  return row ? decryptSecret(row.secretEnc) : null;
}
