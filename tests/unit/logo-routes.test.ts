import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "@/lib/auth/guards";
import { getLogoForServing, storeLogo } from "@/lib/db/logos";
import { getDraft } from "@/lib/db/registrations";
import { LOGO_MAX_BYTES } from "@/lib/images/logo";
import { GET } from "@/app/api/logos/[id]/route";
import { POST } from "@/app/api/registrations/[id]/logo/route";

// The two route handlers with the session and the data layer replaced: what they read, what
// they refuse and what they answer. (Playwright covers them end to end.)

vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: vi.fn(),
  isMember: (user: { membership?: unknown } | null) => Boolean(user?.membership),
  isAdmin: () => false,
}));
vi.mock("@/lib/db/registrations", () => ({ getDraft: vi.fn() }));
vi.mock("@/lib/db/logos", () => ({ storeLogo: vi.fn(), getLogoForServing: vi.fn() }));
vi.mock("@/lib/env", () => ({ env: () => ({ appUrl: "https://portal.example" }) }));

const ORG = "11111111-1111-4111-8111-111111111111";
const REGISTRATION = "22222222-2222-4222-8222-222222222222";
const LOGO = "33333333-3333-4333-8333-333333333333";
const member = { id: "44444444-4444-4444-8444-444444444444", membership: { role: "OWNER", organization: { id: ORG, name: "Acme" } } };

const png = (size: number) =>
  sharp({ create: { width: size, height: size, channels: 3, background: "#08f" } })
    .png()
    .toBuffer();

function upload(body: BodyInit | null, headers: Record<string, string> = {}) {
  const request = new NextRequest(`https://portal.example/api/registrations/${REGISTRATION}/logo`, { method: "POST", body, headers });
  return POST(request, { params: Promise.resolve({ id: REGISTRATION }) });
}

beforeEach(() => {
  vi.mocked(getCurrentUser)
    .mockReset()
    .mockResolvedValue(member as never);
  vi.mocked(getDraft)
    .mockReset()
    .mockResolvedValue({ id: "draft" } as never);
  vi.mocked(storeLogo)
    .mockReset()
    .mockImplementation(async (input) => ({ id: LOGO, width: input.width, height: input.height, contentType: input.contentType }));
  vi.mocked(getLogoForServing).mockReset().mockResolvedValue(null);
});

describe("POST /api/registrations/:id/logo", () => {
  it("stores a raw PNG body and answers 201 with its id and public URL", async () => {
    const response = await upload(new Uint8Array(await png(300)), { "content-type": "image/png" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      logo_id: LOGO,
      url: `https://portal.example/api/logos/${LOGO}`,
      width: 300,
      height: 300,
      content_type: "image/png",
    });
    expect(getDraft).toHaveBeenCalledWith(ORG, REGISTRATION);
    const stored = vi.mocked(storeLogo).mock.calls[0]![0];
    expect(stored).toMatchObject({ organizationId: ORG, userId: member.id, contentType: "image/png", width: 300, height: 300 });
    expect((await sharp(stored.bytes).metadata()).format).toBe("png");
  });

  it("trusts the content, not the declared type", async () => {
    const jpeg = await sharp(await png(256))
      .jpeg()
      .toBuffer();
    const response = await upload(new Uint8Array(jpeg), { "content-type": "image/png" });
    expect(response.status).toBe(201);
    expect((await response.json()).content_type).toBe("image/jpeg");
  });

  it("accepts multipart/form-data with one file field", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await png(256))], { type: "image/png" }), "logo.png");
    const response = await upload(form);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ logo_id: LOGO, width: 256, height: 256 });
  });

  it("answers 400 for multipart without exactly one file field", async () => {
    const form = new FormData();
    form.append("logo", new Blob([new Uint8Array(await png(256))]), "logo.png");
    const response = await upload(form);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });

    const text = new FormData();
    text.append("file", "not a file");
    expect((await upload(text)).status).toBe(400);
  });

  it("answers 413 for a file over 1 MB, with its size when known", async () => {
    const justOver = new Uint8Array(LOGO_MAX_BYTES + 1);
    let response = await upload(justOver);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: "payload_too_large",
      error_description: "The logo is 1.1 MB; the limit is 1 MB. Export it smaller or compress it.",
    });

    response = await upload(new Uint8Array(2 * LOGO_MAX_BYTES), { "content-length": String(2 * LOGO_MAX_BYTES) });
    expect(response.status).toBe(413);
    expect((await response.json()).error_description).toBe("The logo is 2.0 MB; the limit is 1 MB. Export it smaller or compress it.");

    response = await upload(new Uint8Array(2 * LOGO_MAX_BYTES));
    expect(response.status).toBe(413);
    expect((await response.json()).error_description).toContain("larger than 1 MB");

    const form = new FormData();
    form.append("file", new Blob([justOver]), "logo.png");
    response = await upload(form);
    expect(response.status).toBe(413);
    expect((await response.json()).error_description).toContain("The logo is 1.1 MB");
    expect(storeLogo).not.toHaveBeenCalled();
  });

  it("answers 422 invalid_logo with the reason", async () => {
    const response = await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), { "content-type": "image/png" });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toBe("invalid_logo");
    expect(body.error_description).toContain("scripts");

    const wide = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const second = await upload(new Uint8Array(wide));
    expect((await second.json()).error_description).toBe("The logo is 800×600 pixels; it must be square (1:1), for example 512×512.");
    expect(storeLogo).not.toHaveBeenCalled();
  });

  it("answers 404 without an open draft in the member's organization", async () => {
    vi.mocked(getDraft).mockResolvedValue(null);
    const response = await upload(new Uint8Array(await png(256)));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
    expect(storeLogo).not.toHaveBeenCalled();
  });

  it("answers 401 signed out, 403 without an organization, 403 from another site", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    expect((await upload(new Uint8Array(await png(256)))).status).toBe(401);
    vi.mocked(getCurrentUser).mockResolvedValue({ ...member, membership: null } as never);
    expect((await upload(new Uint8Array(await png(256)))).status).toBe(403);
    vi.mocked(getCurrentUser).mockResolvedValue(member as never);
    expect((await upload(new Uint8Array(await png(256)), { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(getDraft).not.toHaveBeenCalled();
  });
});

describe("GET /api/logos/:id", () => {
  const get = (id: string, headers: Record<string, string> = {}) =>
    GET(new NextRequest(`https://portal.example/api/logos/${id}`, { headers }), { params: Promise.resolve({ id }) });

  it("serves the bytes with their type, a year-long immutable cache and nosniff", async () => {
    const bytes = new Uint8Array(await png(256));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    vi.mocked(getLogoForServing).mockResolvedValue({ id: LOGO, contentType: "image/png", size: bytes.length, sha256, bytes });
    const response = await get(LOGO);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(bytes.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      "content-disposition": 'inline; filename="logo.png"',
      etag: `"${sha256}"`,
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    for (const ifNoneMatch of [`"${sha256}"`, `W/"${sha256}"`, `"other", "${sha256}"`, "*"]) {
      const notModified = await get(LOGO, { "if-none-match": ifNoneMatch });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get("etag")).toBe(`"${sha256}"`);
      expect(await notModified.text()).toBe("");
    }
    expect((await get(LOGO, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("is public: no session needed", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    vi.mocked(getLogoForServing).mockResolvedValue({ id: LOGO, contentType: "image/webp", size: 1, sha256: "a".repeat(64), bytes: new Uint8Array([1]) });
    const response = await get(LOGO);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('inline; filename="logo.webp"');
  });

  it("answers 404 JSON for unknown ids", async () => {
    const response = await get("not-a-uuid");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
