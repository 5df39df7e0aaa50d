// A loopback HTTP proxy in front of a real server that can be told to fail: "down" (the
// connection is dropped), "slow" (no answer for `slowMs`), "error" (HTTP 500), or "pass"
// (forward as is, keeping the Host header so the server builds its own public URLs).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FaultMode = "pass" | "down" | "slow" | "error";
export type FaultyProxy = { url: string; port: number; mode: FaultMode; slowMs: number; requests: number; close(): Promise<void> };

export async function startFaultyProxy(target: () => string): Promise<FaultyProxy> {
  const server = http.createServer();
  const proxy: FaultyProxy = {
    url: "",
    port: 0,
    mode: "pass",
    slowMs: 3_000,
    requests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server.on("request", (req, res) => {
    proxy.requests++;
    if (proxy.mode === "down") return req.socket.destroy();
    if (proxy.mode === "error") {
      res.writeHead(500, { "Content-Type": "text/html" }).end("<h1>Internal Server Error</h1>");
      return;
    }
    if (proxy.mode === "slow") {
      const timer = setTimeout(() => req.socket.destroy(), proxy.slowMs);
      req.socket.once("close", () => clearTimeout(timer));
      return;
    }
    const upstream = http.request(new URL(req.url ?? "/", target()), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `http://localhost:${proxy.port}`;
  // Connections kept alive by fetch would outlive close(); end them with the server.
  server.on("connection", (socket) => server.once("close", () => socket.destroy()));
  return proxy;
}
