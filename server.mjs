// The portal's HTTP server: Next.js behind one step that makes client addresses trustworthy
// (see lib/http/forwarded-headers.mjs). `npm start` runs it on the production build.
import http from "node:http";
import next from "next";
import { admission, admit } from "./lib/http/admission.mjs";
import { databaseProbe } from "./lib/http/database-probe.mjs";
import { normalizeForwardedHeaders } from "./lib/http/forwarded-headers.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || undefined;
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? "");
// Next.js's default serverActions.bodySizeLimit (next.config.js does not change it).
const ACTION_BODY_LIMIT = 1024 * 1024;

function isDecodablePath(url = "/") {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

// Requests take turns into Next.js (lib/http/admission.mjs): MAX_CONCURRENT_REQUESTS at once
// (default 24, 0 for no limit), none waiting more than a second; some never wait (admit).
// Not in development, where the first request to a page compiles it for seconds.
const MAX_CONCURRENT = Number(process.env.MAX_CONCURRENT_REQUESTS || 24);
if (!Number.isSafeInteger(MAX_CONCURRENT) || MAX_CONCURRENT < 0) {
  console.error(`MAX_CONCURRENT_REQUESTS must be a whole number (0 for no limit), not "${process.env.MAX_CONCURRENT_REQUESTS}".`);
  process.exit(1);
}
const limited = !dev && MAX_CONCURRENT > 0 ? admission({ limit: MAX_CONCURRENT, maxWaitMs: 1_000 }) : null;

const app = next({ dev, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

// While the database is unreachable (lib/db/availability.ts sets the flag), answer 503 at
// once instead of making every request fail slowly, and let one request through every few
// seconds to find out whether it is back (lib/http/database-probe.mjs); /api/health always goes through.
const UNAVAILABLE = "The portal cannot reach its database right now. Nothing was changed; try again in a minute.";
const mayProbe = databaseProbe({ everyMs: 2_000 });
const databaseDownSince = () => globalThis.__portalDatabaseDownSince;

function unavailable(req, res) {
  const json = /^\/(api|oidc|sandbox\/v1)\//.test(req.url ?? "") || /json/.test(req.headers.accept ?? "");
  res.writeHead(503, {
    "Content-Type": json ? "application/json" : "text/html; charset=utf-8",
    "Retry-After": "5",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(
    json
      ? JSON.stringify({ error: "service_unavailable", error_description: UNAVAILABLE })
      : `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><main><h1>Back in a moment</h1><p>${UNAVAILABLE}</p><p>This page tries again when you reload it.</p></main></body></html>`,
  );
}

/** A page that failed because the database went away answers 503, not 500. */
function answer503WhenDatabaseDown(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if ((typeof status === "number" ? status : this.statusCode) === 500 && databaseDownSince() !== undefined) {
      this.setHeader("Retry-After", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
}

// Requests being handled. server.close() reports when the connections are gone, but a request
// whose client hung up may still be running its queries: the database closes after those.
let handling = 0;
let drained;

const server = http
  .createServer((req, res) => {
    normalizeForwardedHeaders(req.headers, req.socket.remoteAddress, trustProxy);
    if (req.url !== "/api/health" && !mayProbe(databaseDownSince())) return unavailable(req, res);
    answer503WhenDatabaseDown(res);
    if (!isDecodablePath(req.url)) {
      // Next.js answers 500 to a path it cannot percent-decode; it is the client's mistake.
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
      res.end("Bad request: the address contains invalid percent-encoding.\n");
      return;
    }
    if (req.headers["next-action"] !== undefined && Number(req.headers["content-length"]) > ACTION_BODY_LIMIT) {
      // Next.js answers 500 to a server-action body over its limit; it is the client's mistake.
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
      res.end("Payload too large: a form submission is limited to 1 MB.\n");
      return;
    }
    // Counted until Next.js is done with it, which can be after the client hung up.
    handling++;
    const finished = () => {
      handling--;
      if (handling === 0) drained?.();
    };
    const run = () => handle(req, res).finally(finished);
    if (!limited) return void run();
    admit(limited, req, run, {
      gone: () => req.socket.destroyed,
      dropped: () => {
        res.destroy();
        finished();
      },
    });
  })
  .listen(port, hostname, () => {
    console.log(`Ready on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
  });

// SIGTERM (or Ctrl-C): stop accepting connections, let requests in flight finish (for at most
// SHUTDOWN_GRACE_SECONDS), close the database (PGlite writes its state out), then exit 0.
const GRACE_MS = Number(process.env.SHUTDOWN_GRACE_SECONDS || 10) * 1000;
let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then stopping`);
  const force = setTimeout(() => server.closeAllConnections(), GRACE_MS);
  force.unref();
  const deadline = Date.now() + GRACE_MS;
  server.close(async () => {
    clearTimeout(force);
    if (handling > 0) {
      await new Promise((resolve) => {
        drained = resolve;
        setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
      });
    }
    try {
      await (await globalThis.__portalDb)?.close();
    } catch (error) {
      console.error(`Closing the database failed: ${error?.message ?? error}`);
      process.exit(1);
    }
    console.log("Stopped.");
    process.exit(0);
  });
  server.closeIdleConnections();
}
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => shutdown(signal));
