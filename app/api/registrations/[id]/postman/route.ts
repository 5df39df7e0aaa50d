// GET /api/registrations/:id/postman?kind=collection|environment — Postman files for the client's OAuth 2.0 code + PKCE flow (download, no secret)
import { NextResponse } from "next/server";
import { z } from "zod";
import { registrationSummary } from "@/lib/db/test-runs";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { idParams, route } from "@/lib/http/route";
import { getClientCredentials } from "@/lib/db/credentials";
import { isEmbeddedIssuer } from "@/lib/oauth/issuers";
import { POSTMAN_DESKTOP_CALLBACK } from "@/lib/registration/fields";
import { planApiCall } from "@/lib/test-connection/api-call";
import { endpointsFor } from "@/lib/test-connection/endpoints";
import { buildPostmanCollection, buildPostmanEnvironment, postmanFileName } from "@/lib/test-connection/postman";

const querySchema = z.object({ kind: z.enum(["collection", "environment"], { message: "kind must be collection or environment." }) });

export const GET = route("member", { params: idParams, query: querySchema }, async (_request, { user, params, query }) => {
  const organizationId = user.membership.organization.id;
  const [credentials, summary] = await Promise.all([getClientCredentials(organizationId, params.id), registrationSummary(organizationId, params.id)]);
  if (!credentials || !summary) throw new DomainError("not_found", "This registration has no provisioned client.");

  const endpoints = await endpointsFor(credentials.issuer, credentials.clientId);
  const embedded = isEmbeddedIssuer(credentials.issuer);
  const plan = planApiCall({ embedded, appUrl: env().appUrl, grantedScopes: credentials.scopes, openidRequested: false, testApiUrl: env().oauth.testApiUrl });
  const input = {
    clientName: summary.clientName || "Client",
    environmentLabel: summary.environment === "PRODUCTION" ? "production" : "staging",
    clientId: credentials.clientId,
    authorizationEndpoint: endpoints.authorizationEndpoint,
    tokenEndpoint: endpoints.tokenEndpoint,
    scopes: credentials.scopes,
    confidential: credentials.tokenEndpointAuthMethod === "client_secret_basic",
    apiRequests: plan.kind === "skip" ? [] : [{ name: `GET ${new URL(plan.url).pathname}`, url: plan.url }],
    callbackRegistered: credentials.redirectUris.includes(POSTMAN_DESKTOP_CALLBACK),
  };
  const kind = query.kind;
  const body = kind === "collection" ? buildPostmanCollection(input) : buildPostmanEnvironment(input);
  return new NextResponse(JSON.stringify(body, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${postmanFileName(input.clientName, kind)}"`,
      "Cache-Control": "no-store",
    },
  });
});
