// POST /sandbox/interaction/:uid/(login|confirm|abort) (rewritten here) — finishes a step of
// the sandbox sign-in. Pages Router, because oidc-provider needs Node's request and response.
import type { NextApiRequest, NextApiResponse } from "next";
import { log } from "@/lib/log";
import { getProvider } from "@/lib/oauth/provider";
import { checkSandboxLogin, embeddedServerEnabled } from "@/lib/oauth/sandbox-users";

export const config = { api: { externalResolver: true } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!embeddedServerEnabled()) return res.status(404).json({ error: "not_found" });
  const uid = String(req.query.uid ?? "");
  const action = String(req.query.action ?? "");
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "method_not_allowed" });
  }
  const provider = await getProvider();
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid)
      return res.status(400).json({ error: "invalid_request", error_description: "This sign-in request does not belong to this browser." });
    if (action === "login") {
      const body = (req.body ?? {}) as Record<string, string>;
      const account = checkSandboxLogin(String(body.email ?? ""), String(body.password ?? ""));
      if (!account) return res.redirect(303, `/sandbox/interaction/${uid}?error=1`);
      return await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
    }
    if (action === "confirm") {
      const { prompt, params, session } = details;
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
      const grantId = await grant.save();
      return await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (action === "abort") {
      return await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The user declined to give access." },
        { mergeWithLastSubmission: false },
      );
    }
    return res.status(404).json({ error: "not_found" });
  } catch (error) {
    log.warn("sandbox.interaction_failed", { action, error: (error as Error).message });
    return res.redirect(303, `/sandbox/interaction/${encodeURIComponent(uid)}`);
  }
}
