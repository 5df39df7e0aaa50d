import "server-only";
import sharp, { type Sharp } from "sharp";
import { imageExtent, type AcceptedImage } from "./image-end";

// Partner logos: checked by their content (never by name or declared type) and re-encoded on
// the server, so what the portal serves is always an image it produced itself, without the
// uploader's metadata (EXIF, GPS, ICC, text chunks). Every refusal says what to do instead.

/** 1 MB: the largest file accepted. */
export const LOGO_MAX_BYTES = 1024 * 1024;
/** The smallest side, in pixels. */
export const LOGO_MIN_SIZE = 256;
/** 4096×4096: larger images are refused before decoding (decompression bombs). */
export const LOGO_MAX_PIXELS = 4096 * 4096;

export type ImageType = "png" | "jpeg" | "webp" | "gif" | "svg" | "unknown";
type AcceptedType = AcceptedImage;

export type LogoResult = { ok: true; contentType: string; bytes: Buffer; width: number; height: number } | { ok: false; message: string };

const CONTENT_TYPES: Record<AcceptedType, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };
const NAMES: Record<AcceptedType, string> = { png: "PNG", jpeg: "JPEG", webp: "WebP" };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The image type by its magic bytes. */
export function detectImageType(bytes: Uint8Array): ImageType {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (looksLikeSvg(bytes)) return "svg";
  return "unknown";
}

function decodeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 64 * 1024);
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(head.subarray(2));
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(head.subarray(2));
  return new TextDecoder("utf-8").decode(head); // drops a UTF-8 BOM; invalid bytes become U+FFFD
}

/** Text starting, after a BOM, whitespace, an XML prolog, comments or a doctype, with <svg. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  let text = decodeStart(bytes).replace(/^\uFEFF/, "");
  if (/^\s*<\?xml/i.test(text) && /<svg[\s>/:]/i.test(text)) return true;
  for (let i = 0; i < 100; i++) {
    text = text.trimStart();
    const skip = text.startsWith("<?")
      ? text.indexOf("?>") + 2
      : text.startsWith("<!--")
        ? text.indexOf("-->") + 3
        : /^<!doctype/i.test(text)
          ? doctypeEnd(text)
          : -1;
    if (skip <= 0) break;
    text = text.slice(skip);
  }
  return /^<svg[\s>/:]/i.test(text);
}

function doctypeEnd(text: string): number {
  const bracket = text.indexOf("[");
  const close = text.indexOf(">");
  if (bracket !== -1 && bracket < close) return text.indexOf("]>", bracket) + 2; // internal subset
  return close + 1;
}

/** Other formats people try, named in the refusal so they know what they sent. */
function otherFormatName(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, ascii("%PDF"))) return "a PDF document";
  if (startsWith(bytes, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (/^avi[fs]$/.test(brand)) return "an AVIF image";
    if (/^(hei[cmsx]|hev[cmsx]|mif1|msf1)$/.test(brand)) return "a HEIC/HEIF image (the iPhone photo format)";
  }
  if (startsWith(bytes, ascii("BM"))) return "a BMP image";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "a TIFF image";
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return "an ICO icon";
  return undefined;
}

/** "1.4 MB", rounded up so that anything over the limit never reads as "1.0 MB". */
export function formatMegabytes(size: number): string {
  return `${(Math.ceil((size * 10) / (1024 * 1024)) / 10).toFixed(1)} MB`;
}

/** The refusal for a file over LOGO_MAX_BYTES (also used by the upload route for its 413). */
export function logoTooLargeMessage(size?: number): string {
  const what = size === undefined ? "larger than 1 MB" : formatMegabytes(size);
  return `The logo is ${what}; the limit is 1 MB. Export it smaller or compress it.`;
}

const ACCEPTED = "Only PNG, JPEG and WebP logos are accepted, and we check the file content, not its name.";

function typeRefusal(type: Exclude<ImageType, AcceptedType>, bytes: Uint8Array): string {
  switch (type) {
    case "svg":
      return "SVG logos are not accepted because SVG files can contain scripts. Export the logo as a PNG (at least 256×256 pixels) and upload that.";
    case "gif":
      return `This file is a GIF. ${ACCEPTED} Export the logo as a PNG and upload that.`;
    case "unknown": {
      const name = otherFormatName(bytes);
      return `${name ? `This file is ${name}` : "This file is not a PNG, JPEG or WebP image"}. ${ACCEPTED} Export the logo as a PNG and upload that.`;
    }
  }
}

function dimensionRefusal(width: number, height: number): string | undefined {
  const size = `The logo is ${width}×${height} pixels`;
  const square = width === height;
  const bigEnough = Math.min(width, height) >= LOGO_MIN_SIZE;
  if (width * height > LOGO_MAX_PIXELS) {
    return `${size}, which is too large to process; the largest accepted is 4096×4096. Export it smaller, for example 512×512.`;
  }
  if (!square && !bigEnough) {
    return `${size}; it must be square (1:1) and at least ${LOGO_MIN_SIZE}×${LOGO_MIN_SIZE}, for example 512×512.`;
  }
  if (!square) return `${size}; it must be square (1:1), for example 512×512.`;
  if (!bigEnough) return `${size}; it must be at least ${LOGO_MIN_SIZE}×${LOGO_MIN_SIZE}.`;
  return undefined;
}

const unreadable = (type: AcceptedType) => `This file looks like a ${NAMES[type]} but could not be read. Export it again and retry.`;

const polyglot = (type: AcceptedType, trailing: number) =>
  `This ${NAMES[type]} has ${trailing} bytes of other data after the end of the image, as files made to be read as two formats at once do. Export the logo again as a plain ${NAMES[type]} and upload that.`;

function encoder(image: Sharp, type: AcceptedType): Sharp {
  if (type === "png") return image.png({ compressionLevel: 9, adaptiveFiltering: true });
  if (type === "jpeg") return image.jpeg({ quality: 90, mozjpeg: true });
  return image.webp({ quality: 90 });
}

/**
 * Checks an uploaded logo and re-encodes it in the same format, with EXIF orientation applied
 * and all metadata dropped (sharp writes none unless asked to). Never throws on bad input.
 */
export async function processLogo(bytes: Uint8Array): Promise<LogoResult> {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty. Choose a PNG, JPEG or WebP logo and retry." };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, message: logoTooLargeMessage(bytes.byteLength) };

  const type = detectImageType(bytes);
  if (type !== "png" && type !== "jpeg" && type !== "webp") return { ok: false, message: typeRefusal(type, bytes) };

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The header alone, without the pixel limit, so that an oversized image gets a message
  // with its dimensions; nothing is decoded here.
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    if (meta.format !== type || !meta.width || !meta.height) return { ok: false, message: unreadable(type) };
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
  } catch {
    return { ok: false, message: unreadable(type) };
  }
  const dimensions = dimensionRefusal(width, height);
  if (dimensions) return { ok: false, message: dimensions };

  try {
    // limitInputPixels again as a second line: the decoder itself refuses anything larger.
    const image = sharp(input, { limitInputPixels: LOGO_MAX_PIXELS, failOn: "error" }).rotate().timeout({ seconds: 20 });
    const { data, info } = await encoder(image, type).toBuffer({ resolveWithObject: true });
    // Checked once the pixels decode, so that a broken image gets the message below. The
    // re-encoding would drop extra bytes anyway; refusing says plainly the file is not just a logo.
    const extent = imageExtent(bytes, type);
    if (extent.kind === "cut_short") return { ok: false, message: unreadable(type) };
    if (extent.trailing > 0) return { ok: false, message: polyglot(type, extent.trailing) };
    return { ok: true, contentType: CONTENT_TYPES[type], bytes: data, width: info.width, height: info.height };
  } catch {
    return { ok: false, message: unreadable(type) };
  }
}
