import zlib from "node:zlib";
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { LOGO_MAX_PIXELS, detectImageType, processLogo } from "@/lib/images/logo";
import { fuzz } from "../support/hostile";
import { encode, noise, pngChunk, refusal, solid, type Format } from "../support/image-fixtures";

// Hostile logo files (issue 9): truncated and corrupt images of each accepted type, polyglots,
// and headers that claim huge dimensions. Each is refused with its own message and nothing
// throws. Generous timeouts, never timed assertions: the point is the answer, not the speed.

const NAME: Record<Format, string> = { png: "PNG", jpeg: "JPEG", webp: "WebP" };
const FORMATS = ["png", "jpeg", "webp"] as const;
const unreadable = (format: Format) => `This file looks like a ${NAME[format]} but could not be read. Export it again and retry.`;
const tooLarge = (w: number, h: number) =>
  `The logo is ${w}×${h} pixels, which is too large to process; the largest accepted is 4096×4096. Export it smaller, for example 512×512.`;
const polyglot = (format: Format, bytes: number) =>
  `This ${NAME[format]} has ${bytes} bytes of other data after the end of the image, as files made to be read as two formats at once do. Export the logo again as a plain ${NAME[format]} and upload that.`;
const TIMEOUT = { timeout: 120_000 };

/** Accepted logos of each type, with real detail (noise from a fixed pattern) so every byte matters. */
const logos = {} as Record<Format, Buffer>;
beforeAll(async () => {
  const pixels = Buffer.from(Uint8Array.from({ length: 256 * 256 * 3 }, (_, i) => (i * 7919) % 251));
  for (const format of FORMATS) logos[format] = await encode(noise(256, pixels), format);
  for (const format of FORMATS) expect((await processLogo(logos[format])).ok).toBe(true);
});

describe("truncated files", () => {
  it("are refused at any length, with the message for what they still look like", TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FORMATS), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (format, fraction) => {
        const full = logos[format];
        const cut = full.subarray(0, Math.floor(fraction * full.length));
        const message = await refusal(cut);
        if (cut.length === 0) expect(message).toContain("The file is empty");
        else if (detectImageType(cut) !== format) expect(message).toMatch(/^This file is not a PNG, JPEG or WebP image\./);
        else expect(message).toBe(unreadable(format));
      }),
      fuzz(300),
    );
  });

  it("including a PNG that only lacks its closing IEND chunk (the decoder alone would accept it)", async () => {
    const png = logos.png;
    for (const missing of [1, 4, 12]) expect(await refusal(png.subarray(0, png.length - missing))).toBe(unreadable("png"));
  });
});

describe("corrupt files", () => {
  it("never make processing throw: a changed byte anywhere gives a valid logo or one of the known refusals", TIMEOUT, async () => {
    const known = [
      /^This file looks like a (PNG|JPEG|WebP) but could not be read\./,
      /^The logo is \d+×\d+ pixels/,
      /^This (PNG|JPEG|WebP) has \d+ bytes of other data/,
      /^This file is (not a PNG|a |an )/,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FORMATS),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (format, changes) => {
          const bytes = Buffer.from(logos[format]);
          for (const [where, value] of changes) bytes[Math.floor(where * bytes.length)] = value;
          const result = await processLogo(bytes);
          if (result.ok) expect(result.width === result.height && result.width >= 256).toBe(true);
          else
            expect(
              known.some((pattern) => pattern.test(result.message)),
              result.message,
            ).toBe(true);
        },
      ),
      fuzz(300),
    );
  });
});

describe("the structure check refuses nothing real", () => {
  it("accepts the variants encoders write: interlaced, palette, 16-bit, alpha, progressive, CMYK, lossless, with metadata", TIMEOUT, async () => {
    const pixels = (channels: number) => Buffer.from(Uint8Array.from({ length: 256 * 256 * channels }, (_, i) => (i * 31) % 256));
    const rgb = () => noise(256, pixels(3));
    const rgba = () => sharp(pixels(4), { raw: { width: 256, height: 256, channels: 4 } });
    const variants = [
      rgb().png({ progressive: true }),
      rgb().png({ palette: true }),
      rgb().toColourspace("rgb16").png(),
      rgba().png(),
      rgb().greyscale().png(),
      rgb().jpeg({ progressive: true }),
      rgb().jpeg({ mozjpeg: true }),
      rgb().jpeg({ chromaSubsampling: "4:4:4", optimiseScans: true, trellisQuantisation: true }),
      rgb().greyscale().jpeg(),
      rgb()
        .withMetadata()
        .withExif({ IFD0: { Copyright: "Acme" } })
        .jpeg(),
      rgb().toColourspace("cmyk").jpeg(),
      rgb().webp({ lossless: true }),
      rgba().webp(),
      rgba().webp({ lossless: true }),
      rgb().webp({ nearLossless: true }),
      rgb().withMetadata().webp(),
    ];
    for (const variant of variants) {
      const bytes = await variant.toBuffer();
      expect((await processLogo(bytes)).ok, `${detectImageType(bytes)} ${bytes.length} bytes`).toBe(true);
    }
  });

  it("walks JPEG segments by their length: fill bytes and an end marker inside a segment are not the end", async () => {
    const jpeg = logos.jpeg;
    const app15 = Buffer.from([0xff, 0xff, 0xff, 0xef, 0x00, 0x0a, 0xff, 0xd8, 0xff, 0xd9, 0xff, 0xd9, 0x00, 0x00]);
    expect((await processLogo(Buffer.concat([jpeg.subarray(0, 2), app15, jpeg.subarray(2)]))).ok).toBe(true);
  });
});

const HTML = Buffer.from("<!doctype html><html><body><script>alert(document.domain)</script></body></html>\n");

/** A real ZIP archive with one stored file: unzip tools read it even with a picture in front. */
function zip(name: string, content: Buffer): Buffer {
  const file = Buffer.from(name);
  const crc = zlib.crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(file.length, 28);
  const localPart = Buffer.concat([local, file, content]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, central, file, end]);
}

describe("polyglots: an image that is also another file", () => {
  it.each(FORMATS)("a %s with a ZIP archive or an HTML page appended is refused, saying so", async (format) => {
    const archive = zip("payload.html", HTML);
    expect(await refusal(Buffer.concat([logos[format], archive]))).toBe(polyglot(format, archive.length));
    expect(await refusal(Buffer.concat([logos[format], HTML]))).toBe(polyglot(format, HTML.length));
  });

  it("an HTML page or a ZIP archive with a picture inside is refused as not an image", async () => {
    expect(await refusal(Buffer.concat([HTML, logos.png]))).toMatch(/^This file is not a PNG, JPEG or WebP image\./);
    expect(await refusal(zip("logo.png", logos.png))).toMatch(/^This file is not a PNG, JPEG or WebP image\./);
  });

  it("markup hidden in a PNG's own text chunk is not refused but never served: the re-encoded logo has none of it", async () => {
    const png = logos.png;
    const withText = Buffer.concat([png.subarray(0, 33), pngChunk("tEXt", Buffer.concat([Buffer.from("Comment\0"), HTML])), png.subarray(33)]);
    const result = await processLogo(withText);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.bytes.includes("<script")).toBe(false);
  });

  it("zero padding after the image (some encoders leave it) is not another file", async () => {
    expect((await processLogo(Buffer.concat([logos.jpeg, Buffer.alloc(64)]))).ok).toBe(true);
  });
});

/** The same image with the dimensions its header claims replaced. */
const claiming = {
  png(bytes: Buffer, w: number, h: number) {
    const out = Buffer.from(bytes);
    out.writeUInt32BE(w, 16);
    out.writeUInt32BE(h, 20);
    out.writeUInt32BE(zlib.crc32(out.subarray(12, 29)), 29); // the IHDR chunk's CRC
    return out;
  },
  jpeg(bytes: Buffer, w: number, h: number) {
    const out = Buffer.from(bytes);
    for (let i = 2; i < out.length; i += 2 + out.readUInt16BE(i + 2)) {
      const marker = out[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        out.writeUInt16BE(h, i + 5);
        out.writeUInt16BE(w, i + 7);
        return out;
      }
    }
    throw new Error("no SOF segment");
  },
  /** A lossy WebP ("VP8 " chunk): 14-bit sizes in the key frame header. */
  webp(bytes: Buffer, w: number, h: number) {
    const out = Buffer.from(bytes);
    if (out.toString("latin1", 12, 16) !== "VP8 ") throw new Error("not a simple lossy WebP");
    out.writeUInt16LE(w, 26);
    out.writeUInt16LE(h, 28);
    return out;
  },
};
const MAX_SIDE: Record<Format, number> = { png: 1_000_000, jpeg: 65_500, webp: 16_383 };

describe("headers claiming huge dimensions", () => {
  it("are refused from the header with the claimed size, whatever the pixel data", TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FORMATS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (format, a, b) => {
          const side = (f: number) => 4097 + Math.floor(f * (MAX_SIDE[format] - 4097));
          const [w, h] = [side(a), side(b)];
          expect(w * h).toBeGreaterThan(LOGO_MAX_PIXELS);
          expect(await refusal(claiming[format](logos[format], w, h))).toBe(tooLarge(w, h));
        },
      ),
      fuzz(150),
    );
  });

  it("beyond what a format can hold, the file is unreadable rather than too large", async () => {
    expect(await refusal(claiming.png(logos.png, 2 ** 31 - 1, 2 ** 31 - 1))).toBe(unreadable("png"));
    expect(await refusal(claiming.png(logos.png, 0, 0))).toBe(unreadable("png"));
    expect(await refusal(claiming.jpeg(logos.jpeg, 65_535, 65_535))).toBe(unreadable("jpeg"));
  });

  it("a WebP whose extended header claims a canvas of 16,777,216 pixels a side is unreadable", async () => {
    const webp = logos.webp;
    const vp8x = Buffer.alloc(18);
    vp8x.write("VP8X", 0, "latin1");
    vp8x.writeUInt32LE(10, 4);
    vp8x.writeUIntLE(2 ** 24 - 1, 12, 3); // canvas width - 1
    vp8x.writeUIntLE(2 ** 24 - 1, 15, 3); // canvas height - 1
    const file = Buffer.concat([webp.subarray(0, 12), vp8x, webp.subarray(12)]);
    file.writeUInt32LE(file.length - 8, 4);
    expect(await refusal(file)).toBe(unreadable("webp"));
  });

  it("small but not square, or too small, still gets its own message", async () => {
    expect(await refusal(claiming.png(await encode(solid(300, 300), "png"), 65_535, 1))).toBe(
      "The logo is 65535×1 pixels; it must be square (1:1) and at least 256×256, for example 512×512.",
    );
  });
});
