import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getLogoForServing, getLogoMeta, isLogoOfClient, storeLogo } from "@/lib/db/logos";
import { processLogo } from "@/lib/images/logo";
import { withTestDatabase } from "../support/db";

withTestDatabase();

let counter = 0;

/** An organization with one member, created straight through Prisma. */
async function member() {
  const n = ++counter;
  const client = await db();
  const organization = await client.organization.create({ data: { name: `Logo Org ${n}` }, select: { id: true } });
  const user = await client.user.create({
    data: {
      email: `logo-${n}@example.com`,
      name: "Pat",
      emailVerified: new Date(),
      membership: { create: { organizationId: organization.id, role: "OWNER" } },
    },
    select: { id: true },
  });
  return { organizationId: organization.id, userId: user.id };
}

async function processedLogo(size = 256) {
  const png = await sharp({ create: { width: size, height: size, channels: 3, background: "#3366ff" } })
    .png()
    .toBuffer();
  const result = await processLogo(png);
  if (!result.ok) throw new Error(result.message);
  return result;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("storeLogo and getLogoForServing", () => {
  it("store a processed logo and serve the same bytes, with their SHA-256", async () => {
    const { organizationId, userId } = await member();
    const logo = await processedLogo(320);
    const stored = await storeLogo({ organizationId, userId, ...logo });
    expect(stored).toEqual({ id: expect.any(String), width: 320, height: 320, contentType: "image/png" });

    const served = await getLogoForServing(stored.id);
    expect(served).not.toBeNull();
    expect(served?.contentType).toBe("image/png");
    expect(Buffer.from(served!.bytes).equals(logo.bytes)).toBe(true);
    expect(served?.size).toBe(logo.bytes.length);
    expect(served?.sha256).toBe(sha256(logo.bytes));
    expect(served?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const row = await (await db()).logo.findUniqueOrThrow({ where: { id: stored.id }, select: { organizationId: true, createdById: true } });
    expect(row).toEqual({ organizationId, createdById: userId });
  });

  it("give each upload its own id, even for identical bytes", async () => {
    const { organizationId, userId } = await member();
    const logo = await processedLogo();
    const a = await storeLogo({ organizationId, userId, ...logo });
    const b = await storeLogo({ organizationId, userId, ...logo });
    expect(a.id).not.toBe(b.id);
    expect((await getLogoForServing(a.id))?.sha256).toBe((await getLogoForServing(b.id))?.sha256);
  });

  it("serve any organization's logo by id (public), and nothing for unknown or malformed ids", async () => {
    const { organizationId, userId } = await member();
    const { id } = await storeLogo({ organizationId, userId, ...(await processedLogo()) });
    expect(await getLogoForServing(id)).not.toBeNull();
    expect(await getLogoForServing(id.toUpperCase())).not.toBeNull();
    expect(await getLogoForServing("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getLogoForServing("not-a-uuid")).toBeNull();
    expect(await getLogoForServing("' OR 1=1 --")).toBeNull();
    expect(await getLogoForServing("")).toBeNull();
    expect(await getLogoForServing(`${id}.png`)).toBeNull();
  });
});

describe("getLogoMeta", () => {
  it("describes the logo to its own organization, without the bytes", async () => {
    const { organizationId, userId } = await member();
    const logo = await processedLogo(512);
    const { id } = await storeLogo({ organizationId, userId, ...logo });
    const meta = await getLogoMeta(organizationId, id);
    expect(meta).toEqual({
      id,
      contentType: "image/png",
      width: 512,
      height: 512,
      size: logo.bytes.length,
      sha256: sha256(logo.bytes),
      createdAt: expect.any(Date),
    });
    expect(meta).not.toHaveProperty("bytes");
  });

  it("answers null to another organization, and for unknown or malformed ids", async () => {
    const owner = await member();
    const other = await member();
    const { id } = await storeLogo({ organizationId: owner.organizationId, userId: owner.userId, ...(await processedLogo()) });
    expect(await getLogoMeta(other.organizationId, id)).toBeNull();
    expect(await getLogoMeta(owner.organizationId, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getLogoMeta(owner.organizationId, "not-a-uuid")).toBeNull();
    expect(await getLogoMeta("not-a-uuid", id)).toBeNull();
    expect(await getLogoMeta(owner.organizationId, id)).not.toBeNull();
  });
});

describe("isLogoOfClient", () => {
  it("is true only for a logo of the organization whose registration holds the client id", async () => {
    const mine = await member();
    const theirs = await member();
    const client = await db();
    await client.registration.create({
      data: { organizationId: mine.organizationId, environment: "STAGING", createdById: mine.userId, clientId: `client-${mine.organizationId}` },
      select: { id: true },
    });
    const own = await storeLogo({ ...mine, ...(await processedLogo()) });
    const foreign = await storeLogo({ ...theirs, ...(await processedLogo()) });
    expect(await isLogoOfClient(`client-${mine.organizationId}`, own.id)).toBe(true);
    expect(await isLogoOfClient(`client-${mine.organizationId}`, foreign.id)).toBe(false);
    expect(await isLogoOfClient("unknown-client", own.id)).toBe(false);
    expect(await isLogoOfClient(`client-${mine.organizationId}`, "../registrations/x")).toBe(false);
    expect(await isLogoOfClient("", own.id)).toBe(false);
  });
});
