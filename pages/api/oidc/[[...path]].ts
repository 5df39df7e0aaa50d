// ALL /oidc/* (rewritten here by next.config.js) — the embedded authorization server.
// A Pages Router API route, because oidc-provider needs Node's own request and response.
import type { NextApiRequest, NextApiResponse } from "next";
import { OIDC_MOUNT, getProvider } from "@/lib/oauth/provider";
import { embeddedServerEnabled } from "@/lib/oauth/sandbox-users";

export const config = { api: { bodyParser: false, externalResolver: true } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!embeddedServerEnabled()) return res.status(404).json({ error: "not_found", error_description: "This portal does not run an authorization server." });
  const provider = await getProvider();
  // The public path stays in originalUrl; the provider routes on the path below the mount.
  const original = (req.headers["x-portal-path"] as string | undefined) ?? req.url ?? "/";
  const publicPath = original.startsWith(OIDC_MOUNT) ? original : req.url!.replace(/^\/api\/oidc/, OIDC_MOUNT);
  (req as unknown as { originalUrl: string }).originalUrl = publicPath;
  req.url = publicPath.slice(OIDC_MOUNT.length) || "/";
  return provider.callback()(req, res);
}
