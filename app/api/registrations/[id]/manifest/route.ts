// GET /api/registrations/:id/manifest — the latest revision as an RFC 7591 style JSON manifest (download)
import { NextResponse } from "next/server";
import { fromDbEnvironment, getRegistration } from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { idParams, route } from "@/lib/http/route";
import { toManifest } from "@/lib/registration/manifest";

export const GET = route("member", { params: idParams }, async (_request, { user, params }) => {
  const registration = await getRegistration(user.membership.organization.id, params.id);
  const latest = registration?.revisions[0];
  if (!registration || !latest) throw new DomainError("not_found", "No such registration.");
  const data = latest.data;
  const logoUrl = data.logoId ? `${env().appUrl}/api/logos/${data.logoId}` : null;
  const manifest = toManifest(data, fromDbEnvironment(registration.environment), logoUrl);
  const slug =
    (data.clientName || "registration")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "registration";
  return new NextResponse(JSON.stringify(manifest, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}.manifest.json"`,
      "Cache-Control": "no-store",
    },
  });
});
