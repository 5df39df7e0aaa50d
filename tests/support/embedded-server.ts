// The embedded authorization server on a loopback port, without Next.js: the portal's own
// handlers for /oidc/* (pages/api/oidc), the sandbox sign-in actions (pages/api/sandbox-
// interaction) and the sandbox API (app/sandbox/v1), given the few helpers of Next's API
// request and response they use. The sign-in page itself is a React page that only renders
// with Next (the e2e tests cover it): GET /sandbox/interaction/:uid answers the two forms it
// renders (sign in, allow), so tests/support/oauth-browserless.ts ("portal-sandbox") drives
// the real actions behind them like a browser would.
// Call inside beforeAll of a file that uses withTestDatabase(): it points APP_URL (and so the
// issuer) at its own port and forgets the process's cached configuration and provider. With
// the embedded server off (servePortalRoutes only), the same routes answer as they would then.
import { NextRequest } from "next/server";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type Provider from "oidc-provider";
import { clearMetadataCache } from "@/lib/test-connection/client";

export type PortalRoutes = { appUrl: string; close(): Promise<void> };
export type EmbeddedServer = PortalRoutes & { issuer: string; initialAccessToken: string; provider: Provider };

type Handler = (req: never, res: never) => unknown;
type Caches = { __portalEnv?: unknown; __portalOidcProvider?: unknown };

async function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

/** res.status(), .json() and .redirect(), as Next.js adds them to API routes. */
function withApiHelpers(res: http.ServerResponse) {
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    json(body: unknown) {
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(JSON.stringify(body));
      return res;
    },
    redirect(status: number, location: string) {
      res.writeHead(status, { Location: location }).end();
      return res;
    },
  });
}

async function toFetchResponse(response: Response, res: http.ServerResponse) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The portal's /oidc and /sandbox routes on a loopback port, as configured by the environment. */
export async function servePortalRoutes(): Promise<PortalRoutes> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "embedded-server-"));
  const caches = globalThis as Caches;
  caches.__portalEnv = undefined;
  caches.__portalOidcProvider = undefined;
  clearMetadataCache();

  const { getProvider } = await import("@/lib/oauth/provider");
  const oidc = (await import("@/pages/api/oidc/[[...path]]")).default as Handler;
  const interactionAction = (await import("@/pages/api/sandbox-interaction/[uid]/[action]")).default as Handler;
  const usersMe = (await import("@/app/sandbox/v1/users/me/route")).GET;
  const exportJobs = (await import("@/app/sandbox/v1/export-jobs/route")).GET;
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? "/", appUrl);
      const action = /^\/sandbox\/interaction\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      const page = /^\/sandbox\/interaction\/([^/]+)$/.exec(url.pathname);
      const api = { "/sandbox/v1/users/me": usersMe, "/sandbox/v1/export-jobs": exportJobs }[url.pathname];
      if (url.pathname === "/oidc" || url.pathname.startsWith("/oidc/")) return oidc(req as never, withApiHelpers(res) as never);
      if (action) {
        const body = req.method === "POST" ? await readForm(req) : {};
        Object.assign(req, { query: { uid: decodeURIComponent(action[1]!), action: action[2] }, body });
        return interactionAction(req as never, withApiHelpers(res) as never);
      }
      if (page && req.method === "GET") {
        const uid = decodeURIComponent(page[1]!);
        const provider = await getProvider();
        const interaction = await provider.Interaction.find(uid);
        if (!interaction) return res.writeHead(404).end("This sign-in request has expired");
        const fields = interaction.prompt.name === "login" ? '<input type="email" name="email"><input type="password" name="password">' : "";
        const target = `/sandbox/interaction/${escape(encodeURIComponent(uid))}/${interaction.prompt.name === "login" ? "login" : "confirm"}`;
        return res.writeHead(200, { "Content-Type": "text/html" }).end(`<form method="post" action="${target}">${fields}<button>Go</button></form>`);
      }
      if (api) return toFetchResponse(await api(new NextRequest(url, { headers: req.headers as Record<string, string> })), res);
      res.writeHead(404).end();
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  return {
    appUrl,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // fetch keeps connections alive; close would wait for them
      }),
  };
}

/** The portal's routes with the embedded server on, and the server's issuer and provider. */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const routes = await servePortalRoutes();
  const { embeddedInitialAccessToken, embeddedIssuer, getProvider } = await import("@/lib/oauth/provider");
  return { ...routes, issuer: embeddedIssuer(), initialAccessToken: embeddedInitialAccessToken(), provider: await getProvider() };
}
