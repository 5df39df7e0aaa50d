// Logo test images, generated in memory with sharp (or assembled by hand); nothing binary is
// committed. Shared by the logo tests.
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import sharp, { type Sharp } from "sharp";
import { processLogo } from "@/lib/images/logo";

export type Format = "png" | "jpeg" | "webp";

export const solid = (width: number, height: number, background = { r: 20, g: 120, b: 220 }) => sharp({ create: { width, height, channels: 3, background } });

export const encode = (image: Sharp, format: Format) =>
  format === "png" ? image.png().toBuffer() : format === "jpeg" ? image.jpeg().toBuffer() : image.webp().toBuffer();

export const image = (width: number, height: number, format: Format = "png") => encode(solid(width, height), format);

/** Random pixels: compresses badly, so a PNG of it is large. */
export const noise = (size: number, bytes: Buffer = randomBytes(size * size * 3)) => sharp(bytes, { raw: { width: size, height: size, channels: 3 } });

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG assembled by hand: any header, with the given (deflated) pixel data. */
export function handmadePng(width: number, height: number, bitDepth: number, colourType: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The message a refused logo gets (fails when the logo is accepted). */
export async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await processLogo(bytes);
  if (result.ok) throw new Error("expected the logo to be refused");
  return result.message;
}
