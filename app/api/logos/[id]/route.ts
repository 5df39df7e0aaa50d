// GET /api/logos/:id — a logo's bytes, public by its unguessable id (consent screens show it), cached for a year
import { getLogoForServing } from "@/lib/db/logos";
import { DomainError } from "@/lib/errors";
import { idParams, route } from "@/lib/http/route";

export const runtime = "nodejs";

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

// A logo never changes: a new upload gets a new id. Hence the year-long immutable cache and
// an ETag that is the SHA-256 of the bytes.
export const GET = route("public", { params: idParams }, async (request, { params }) => {
  const logo = await getLogoForServing(params.id);
  if (!logo) throw new DomainError("not_found", "There is no logo at this address. Upload the logo again to get a new link.");

  const etag = `"${logo.sha256}"`;
  const headers = new Headers({
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
    "Cross-Origin-Resource-Policy": "cross-origin",
  });
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  headers.set("Content-Type", logo.contentType);
  headers.set("Content-Length", String(logo.bytes.byteLength));
  headers.set("Content-Disposition", `inline; filename="logo.${EXTENSIONS[logo.contentType] ?? "img"}"`);
  return new Response(logo.bytes, { status: 200, headers });
});

/** If-None-Match is a list of (possibly weak) ETags, or "*". */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}
