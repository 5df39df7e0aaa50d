// POST /api/registrations/:id/logo — upload a logo: the raw file as the body, or multipart/form-data with one "file" field
import { NextResponse } from "next/server";
import { storeLogo } from "@/lib/db/logos";
import { getDraft } from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { idParams, readBody, route } from "@/lib/http/route";
import { LOGO_MAX_BYTES, logoTooLargeMessage, processLogo } from "@/lib/images/logo";

export const runtime = "nodejs";

// Room for the multipart boundaries and part headers around a file of up to LOGO_MAX_BYTES.
const MULTIPART_HEADROOM = 64 * 1024;

// The logo is stored on its own; the wizard puts the returned logo_id into the draft through
// its normal autosave, so this route never changes the draft. The body is a binary file, so
// this handler reads it itself (readLogoFile) rather than through a schema.
export const POST = route("member", { params: idParams }, async (request, { user, params }) => {
  // Browsers send Sec-Fetch-Site; an upload that is not same-origin (another site, or a
  // sibling subdomain) is never the portal's own wizard.
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new DomainError("forbidden", "Upload the logo from the partner portal itself.");
  }
  const organizationId = user.membership.organization.id;
  if (!(await getDraft(organizationId, params.id))) {
    throw new DomainError("not_found", "This registration has no open draft. Open or create a draft, then upload the logo.");
  }

  const file = await readLogoFile(request);
  if (file.byteLength > LOGO_MAX_BYTES) throw new DomainError("too_large", logoTooLargeMessage(file.byteLength));
  const result = await processLogo(file);
  if (!result.ok) throw new DomainError("invalid", result.message, { code: "invalid_logo" });

  const logo = await storeLogo({
    organizationId,
    userId: user.id,
    contentType: result.contentType,
    bytes: result.bytes,
    width: result.width,
    height: result.height,
  });
  return NextResponse.json(
    {
      logo_id: logo.id,
      url: `${env().appUrl}/api/logos/${logo.id}`,
      width: logo.width,
      height: logo.height,
      content_type: logo.contentType,
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});

/** The uploaded file's bytes, never more than LOGO_MAX_BYTES + MULTIPART_HEADROOM read. */
async function readLogoFile(request: Request): Promise<Uint8Array> {
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data\b/i.test(contentType);
  let body: Uint8Array;
  try {
    body = await readBody(request, LOGO_MAX_BYTES + MULTIPART_HEADROOM);
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== "too_large") throw error;
    // A raw body is the file itself, so its declared length is the file size.
    const declared = Number(request.headers.get("content-length"));
    const size = !multipart && Number.isSafeInteger(declared) && declared > LOGO_MAX_BYTES ? declared : undefined;
    throw new DomainError("too_large", logoTooLargeMessage(size));
  }
  if (!multipart) return body;

  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new DomainError(
      "invalid_request",
      'The form data could not be read. Send the file as the request body, or as multipart/form-data with one field named "file".',
    );
  }
  const files = form.getAll("file");
  const file = files[0];
  if (files.length !== 1 || file === undefined || typeof file === "string") {
    throw new DomainError("invalid_request", 'Send exactly one file in a form field named "file", for example: curl -F "file=@logo.png" ...');
  }
  if (file.size > LOGO_MAX_BYTES) throw new DomainError("too_large", logoTooLargeMessage(file.size));
  return new Uint8Array(await file.arrayBuffer());
}
