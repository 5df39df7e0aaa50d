import http from "node:http";
import type { AddressInfo } from "node:net";

// A load balancer on loopback: each request goes to the next portal instance in turn (no sticky
// sessions), with X-Forwarded-For/-Host/-Proto as a real proxy sends them. A test can pin it to
// one instance for a while, to decide which instance answers which step of a flow.

export type RoundRobin = { url: string; port: number; pin(index: number | null): void; served: number[]; close(): Promise<void> };

export async function startRoundRobin(port: number, upstreamPorts: number[]): Promise<RoundRobin> {
  let next = 0;
  let pinned: number | null = null;
  const served = upstreamPorts.map(() => 0);
  const server = http.createServer((req, res) => {
    const index = pinned ?? next++ % upstreamPorts.length;
    served[index]!++;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPorts[index],
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor, "x-forwarded-host": req.headers.host, "x-forwarded-proto": "http" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("Bad gateway: the instance did not answer.\n");
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    served,
    pin: (index) => {
      pinned = index;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
