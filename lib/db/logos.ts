import "server-only";
import { createHash } from "node:crypto";
import { db } from "./index";
import { isUuid } from "./ids";

// Uploaded logos. They are stored only after lib/images/logo.ts has checked and re-encoded
// them. Serving is public by id (consent screens show logos to people who are not portal
// users); anything else about a logo is scoped to its organization.

/** Stores a processed logo; the SHA-256 of the bytes is its ETag when served. */
export async function storeLogo(input: { organizationId: string; userId: string; contentType: string; bytes: Uint8Array; width: number; height: number }) {
  const bytes = new Uint8Array(input.bytes); // a copy backed by its own ArrayBuffer
  return (await db()).logo.create({
    data: {
      organizationId: input.organizationId,
      createdById: input.userId,
      contentType: input.contentType,
      width: input.width,
      height: input.height,
      size: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes,
    },
    select: { id: true, width: true, height: true, contentType: true },
  });
}

/** The bytes to serve, by id alone; null for unknown ids and, without a query, for non-UUIDs. */
export async function getLogoForServing(id: string) {
  if (!isUuid(id)) return null;
  return (await db()).logo.findUnique({
    where: { id },
    select: { id: true, contentType: true, size: true, sha256: true, bytes: true },
  });
}

/** A logo's details (not its bytes) when it belongs to the organization; null otherwise. */
export async function getLogoMeta(organizationId: string, id: string) {
  if (!isUuid(id) || !isUuid(organizationId)) return null;
  return (await db()).logo.findFirst({
    where: { id, organizationId },
    select: { id: true, contentType: true, width: true, height: true, size: true, sha256: true, createdAt: true },
  });
}

/** Whether the logo belongs to the organization whose registration holds this client id. */
export async function isLogoOfClient(clientId: string, logoId: string): Promise<boolean> {
  if (!clientId || !isUuid(logoId)) return false;
  const row = await (
    await db()
  ).logo.findFirst({
    where: { id: logoId, organization: { registrations: { some: { clientId } } } },
    select: { id: true },
  });
  return row !== null;
}
