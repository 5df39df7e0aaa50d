// Where an image's own bytes end, by walking its structure (PNG chunks, JPEG segments, the
// WebP RIFF size). A file that ends before that is cut short, even where the decoder copes
// (a PNG without its closing IEND chunk decodes). Bytes after it are another file riding
// along: a ZIP or HTML page appended to a picture is how "polyglot" files are made, and no
// image editor writes them.

export type AcceptedImage = "png" | "jpeg" | "webp";

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number) => (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
const u32le = (b: Uint8Array, i: number) => (((b[i + 3] ?? 0) << 24) | ((b[i + 2] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i] ?? 0)) >>> 0;

function pngEnd(b: Uint8Array): number | undefined {
  let i = 8;
  while (i + 12 <= b.length) {
    const length = u32be(b, i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    i += 12 + length;
    if (type === "IEND") return i <= b.length ? i : undefined;
  }
  return undefined;
}

function jpegEnd(b: Uint8Array): number | undefined {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return undefined;
    while (b[i] === 0xff) i++; // fill bytes before a marker
    const marker = b[i++];
    if (marker === undefined) return undefined;
    if (marker === 0xd9) return i; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // markers without a length
    i += u16be(b, i);
    if (marker !== 0xda) continue;
    // Entropy-coded data after SOS runs until a marker other than a stuffed 0xFF00 or a restart.
    while (i < b.length) {
      if (b[i] !== 0xff) i++;
      else if (b[i + 1] === 0x00 || ((b[i + 1] ?? 0) >= 0xd0 && (b[i + 1] ?? 0) <= 0xd7)) i += 2;
      else if (b[i + 1] === 0xff) i++;
      else break;
    }
  }
  return undefined;
}

function webpEnd(b: Uint8Array): number | undefined {
  const size = u32le(b, 4);
  const end = 8 + size + (size % 2);
  return end <= b.length ? end : undefined;
}

/** The offset just past the image, or undefined when its structure is broken or cut short. */
function imageEnd(bytes: Uint8Array, type: AcceptedImage): number | undefined {
  return type === "png" ? pngEnd(bytes) : type === "jpeg" ? jpegEnd(bytes) : webpEnd(bytes);
}

export type ImageExtent = { kind: "cut_short" } | { kind: "complete"; trailing: number };

/** Whether the file holds the whole image, and how many bytes follow it (zero padding, which some encoders leave, does not count). */
export function imageExtent(bytes: Uint8Array, type: AcceptedImage): ImageExtent {
  const end = imageEnd(bytes, type);
  if (end === undefined) return { kind: "cut_short" };
  const rest = bytes.subarray(end);
  return { kind: "complete", trailing: rest.every((byte) => byte === 0) ? 0 : rest.length };
}
