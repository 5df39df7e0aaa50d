import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS, LOGO_MIN_SIZE, detectImageType, formatMegabytes, logoTooLargeMessage, processLogo } from "@/lib/images/logo";
import { encode, handmadePng, image, noise, refusal, solid } from "../support/image-fixtures";

// Fixtures are generated in memory (tests/support/image-fixtures.ts); tests/unit/logo-fuzz.test.ts
// adds properties over truncated, corrupt, polyglot and oversized files.

describe("limits", () => {
  it("are 1 MB, 256×256 and 4096×4096 pixels", () => {
    expect(LOGO_MAX_BYTES).toBe(1_048_576);
    expect(LOGO_MIN_SIZE).toBe(256);
    expect(LOGO_MAX_PIXELS).toBe(16_777_216);
  });
});

describe("detectImageType", () => {
  it("recognises PNG, JPEG, WebP and GIF by their magic bytes", async () => {
    expect(detectImageType(await image(16, 16, "png"))).toBe("png");
    expect(detectImageType(await image(16, 16, "jpeg"))).toBe("jpeg");
    expect(detectImageType(await image(16, 16, "webp"))).toBe("webp");
    expect(detectImageType(await solid(16, 16).gif().toBuffer())).toBe("gif");
    expect(detectImageType(Buffer.from("GIF87a..."))).toBe("gif");
  });

  it("recognises SVG after a BOM, whitespace, an XML prolog, comments and a doctype", () => {
    const svg = (text: string) => detectImageType(Buffer.from(text, "utf8"));
    expect(svg('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBe("svg");
    expect(svg('\uFEFF  \n<SVG viewBox="0 0 1 1"></SVG>')).toBe("svg");
    expect(svg('<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg>')).toBe("svg");
    expect(svg('<!DOCTYPE svg [ <!ENTITY a "b"> ]><svg><script>alert(1)</script></svg>')).toBe("svg");
    expect(svg('<?xml version="1.0"?><root><svg/></root>')).toBe("svg");
    expect(detectImageType(Buffer.from('\uFEFF<svg width="10"/>', "utf16le"))).toBe("svg");
    expect(svg("<html><svg></svg></html>")).toBe("unknown");
    expect(svg("svg")).toBe("unknown");
  });

  it("answers unknown for anything else, including nothing", () => {
    expect(detectImageType(new Uint8Array())).toBe("unknown");
    expect(detectImageType(Buffer.from("%PDF-1.7\n"))).toBe("unknown");
    expect(detectImageType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBe("unknown");
    expect(detectImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe("unknown"); // too short to be a PNG
  });
});

describe("processLogo accepts", () => {
  it.each([
    ["png", 256],
    ["png", 512],
    ["jpeg", 256],
    ["jpeg", 512],
    ["webp", 256],
    ["webp", 512],
  ] as const)("a square %s, %i pixels a side, re-encoded in the same format", async (format, size) => {
    const result = await processLogo(await image(size, size, format));
    expect(result).toMatchObject({ ok: true, contentType: `image/${format}`, width: size, height: size });
    if (!result.ok) return;
    expect(detectImageType(result.bytes)).toBe(format);
    const meta = await sharp(result.bytes).metadata();
    expect(meta).toMatchObject({ format, width: size, height: size });
  });

  it("a file of exactly 1 MB", async () => {
    // A solid image padded with a private chunk up to the limit exactly.
    const base = await image(256, 256);
    const iend = base.subarray(base.length - 12);
    const paddingLength = LOGO_MAX_BYTES - base.length;
    const pad = Buffer.alloc(paddingLength);
    pad.writeUInt32BE(paddingLength - 12, 0);
    pad.write("prVt", 4, "latin1");
    pad.writeUInt32BE(zlib.crc32(pad.subarray(4, paddingLength - 4)), paddingLength - 4);
    const exact = Buffer.concat([base.subarray(0, base.length - 12), pad, iend]);
    expect(exact.length).toBe(LOGO_MAX_BYTES);
    const result = await processLogo(exact);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bytes.length).toBeLessThan(10_000); // the padding is gone too
  });

  it("whatever its name or declared type: only the content counts", async () => {
    // Uploaded as "logo.png" with Content-Type image/png, but the bytes are a JPEG.
    const jpegNamedPng = await image(300, 300, "jpeg");
    const result = await processLogo(jpegNamedPng);
    expect(result).toMatchObject({ ok: true, contentType: "image/jpeg" });
    if (result.ok) expect(detectImageType(result.bytes)).toBe("jpeg");
  });

  it("and applies the EXIF orientation", async () => {
    // Stored with red on the left and blue on the right; orientation 6 displays it turned a
    // quarter clockwise, so red ends up on top.
    const left = await sharp({ create: { width: 128, height: 256, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const stored = await solid(256, 256, { r: 0, g: 0, b: 255 })
      .composite([{ input: left, left: 0, top: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const result = await processLogo(stored);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((await sharp(result.bytes).metadata()).orientation).toBeUndefined();
    const { data, info } = await sharp(result.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const [topR, , topB] = pixel(10, 10) as [number, number, number];
    const [bottomR, , bottomB] = pixel(10, 245) as [number, number, number];
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(50);
    expect(bottomR).toBeLessThan(50);
    expect(bottomB).toBeGreaterThan(200);
  });
});

describe("processLogo strips metadata", () => {
  it("EXIF from a JPEG", async () => {
    const input = await solid(300, 300)
      .jpeg()
      .withExif({ IFD0: { Copyright: "secret", Artist: "Someone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "55/1 40/1 0/1" } })
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const result = await processLogo(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meta = await sharp(result.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(result.bytes.includes("secret")).toBe(false);
  });

  it("EXIF and the ICC profile from a PNG and a WebP", async () => {
    for (const format of ["png", "webp"] as const) {
      const input = await encode(
        solid(300, 300)
          .withMetadata()
          .withExif({ IFD0: { Copyright: "secret" } }),
        format,
      );
      const before = await sharp(input).metadata();
      expect(before.exif).toBeDefined();
      const result = await processLogo(input);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const meta = await sharp(result.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(result.bytes.includes("secret")).toBe(false);
    }
  });
});

describe("processLogo refuses", () => {
  it("a logo that is not square, naming both dimensions", async () => {
    const message = await refusal(await image(800, 600));
    expect(message).toBe("The logo is 800×600 pixels; it must be square (1:1), for example 512×512.");
  });

  it("a logo smaller than 256×256", async () => {
    expect(await refusal(await image(255, 255, "webp"))).toBe("The logo is 255×255 pixels; it must be at least 256×256.");
    expect(await refusal(await image(128, 128, "jpeg"))).toBe("The logo is 128×128 pixels; it must be at least 256×256.");
  });

  it("a logo both too small and not square, saying both", async () => {
    const message = await refusal(await image(200, 100));
    expect(message).toContain("200×100");
    expect(message).toContain("square (1:1)");
    expect(message).toContain("at least 256×256");
  });

  it("a file over 1 MB, with its size", async () => {
    const png = await noise(1000).png().toBuffer();
    expect(png.length).toBeGreaterThan(LOGO_MAX_BYTES);
    expect(await refusal(png)).toBe(logoTooLargeMessage(png.length));
    expect(await refusal(png)).toMatch(/^The logo is \d+\.\d MB; the limit is 1 MB\. Export it smaller or compress it\.$/);

    const justOver = Buffer.alloc(LOGO_MAX_BYTES + 1);
    justOver.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await refusal(justOver)).toBe("The logo is 1.1 MB; the limit is 1 MB. Export it smaller or compress it.");
    expect(await refusal(Buffer.alloc(Math.round(1.4 * LOGO_MAX_BYTES)))).toContain("The logo is 1.4 MB; the limit is 1 MB.");
  });

  it("SVG, because it can contain scripts", async () => {
    const message = await refusal(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(message).toContain("SVG");
    expect(message).toContain("scripts");
    expect(message).toContain("PNG");
  });

  it("GIF, saying which formats are accepted and that the content is checked", async () => {
    const message = await refusal(await solid(300, 300).gif().toBuffer());
    expect(message).toContain("GIF");
    expect(message).toContain("Only PNG, JPEG and WebP");
    expect(message).toContain("file content");
  });

  it("other formats, naming them when they are recognisable", async () => {
    expect(await refusal(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toMatch(/^This file is a PDF document\. Only PNG, JPEG and WebP/);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic")]);
    expect(await refusal(heic)).toContain("HEIC");
    expect(await refusal(await solid(300, 300).tiff().toBuffer())).toContain("TIFF");
    expect(await refusal(Buffer.from("just some text, named logo.png"))).toMatch(/^This file is not a PNG, JPEG or WebP image\. .*file content/);
  });

  it("random bytes", async () => {
    const bytes = randomBytes(4096);
    bytes[0] = 0x7f; // no magic number starts with this
    expect(await refusal(bytes)).toContain("not a PNG, JPEG or WebP image");
  });

  it("an empty file", async () => {
    expect(await refusal(new Uint8Array())).toContain("The file is empty");
  });

  it("a truncated PNG without throwing", async () => {
    const png = await noise(300).png().toBuffer();
    const halfway = "This file looks like a PNG but could not be read. Export it again and retry.";
    expect(await refusal(png.subarray(0, png.length / 2))).toBe(halfway);
    expect(await refusal(png.subarray(0, 40))).toBe(halfway);
    expect(await refusal(png.subarray(0, 8))).toBe(halfway);
  });

  it("corrupt JPEG and WebP data without throwing", async () => {
    const jpeg = await noise(300).jpeg().toBuffer();
    expect(await refusal(jpeg.subarray(0, jpeg.length / 2))).toMatch(/^This file looks like a JPEG but could not be read/);
    expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(2000)]))).toMatch(/looks like a JPEG/);
    const webp = await image(300, 300, "webp");
    expect(await refusal(Buffer.concat([webp.subarray(0, 16), randomBytes(500)]))).toMatch(/looks like a WebP/);
  });

  // Refused from the header, never decoded. A generous timeout, not a timed assertion: a busy
  // machine must not fail it.
  it("a decompression bomb: a 48 KB file declaring 20000×20000 pixels", { timeout: 60_000 }, async () => {
    // 1-bit greyscale, all zero: 400 million pixels deflate to a few tens of kilobytes.
    const size = 20_000;
    const bomb = handmadePng(size, size, 1, 0, Buffer.alloc(size * (1 + size / 8)));
    expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES);
    expect(await refusal(bomb)).toBe(
      "The logo is 20000×20000 pixels, which is too large to process; the largest accepted is 4096×4096. Export it smaller, for example 512×512.",
    );
  });

  it("a square image over the pixel limit made by sharp (5000×5000)", async () => {
    const png = await solid(5000, 5000).png({ compressionLevel: 9 }).toBuffer();
    expect(png.length).toBeLessThan(LOGO_MAX_BYTES);
    expect(await refusal(png)).toContain("5000×5000 pixels, which is too large to process");
  });
});

describe("formatMegabytes", () => {
  it("rounds up to one decimal so anything over the limit reads over 1 MB", () => {
    expect(formatMegabytes(LOGO_MAX_BYTES)).toBe("1.0 MB");
    expect(formatMegabytes(LOGO_MAX_BYTES + 1)).toBe("1.1 MB");
    expect(formatMegabytes(Math.round(1.4 * LOGO_MAX_BYTES))).toBe("1.4 MB");
    expect(logoTooLargeMessage()).toBe("The logo is larger than 1 MB; the limit is 1 MB. Export it smaller or compress it.");
  });
});
