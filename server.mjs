// The portal's HTTP server: Next.js behind one step that makes client addresses trustworthy
// (see lib/http/forwarded-headers.mjs). `npm start` runs it on the production build.
import http from "node:http";
import next from "next";
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

const app = next({ dev, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    normalizeForwardedHeaders(req.headers, req.socket.remoteAddress, trustProxy);
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
    void handle(req, res);
  })
  .listen(port, hostname, () => {
    console.log(`Ready on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
  });
