// A closed-loop HTTP load generator: N clients, each on its own keep-alive connection, sending
// its next request the moment the last one is answered. Every connection is open before the
// first request goes out, and the same connections carry the warm-up and the measured window.
//
// Why not autocannon (used until 2026-12-01): it opens its connections while the first ones
// already load the server. Node.js (libuv) takes up one new connection per turn of its event
// loop, and a loaded server's turn lasts 0.1–1 s (every ready request is handled in it), so the
// last connections waited for most of the run: the 10 s timeouts of the 200-client stages, bare
// handler included. With every connection open before the load starts there were none.
// BENCHMARKS.md, "Load generator".
import http from "node:http";
import net from "node:net";
import { percentile } from "./percentile.mjs";

/**
 * @param {object} options
 * @param {string} options.url the server's origin
 * @param {number} options.clients concurrent clients, one connection each
 * @param {number} options.warmup seconds of load before the measured window (not counted)
 * @param {number} options.duration seconds measured
 * @param {number} [options.timeoutMs] a request unanswered this long counts as a timeout; its connection is replaced
 * @param {(client: number) => {method: string, path: string, headers?: Record<string, string>, body?: string}} options.request the client's next request
 * @param {(client: number, answer: {status: number, body: string} | {failed: string}, measured: boolean) => void} [options.onAnswer]
 */
export async function closedLoop({ url, clients, warmup, duration, timeoutMs = 10_000, request, onAnswer = () => {} }) {
  const { hostname: host, port } = new URL(url);
  const open = () => net.connect({ host, port: Number(port) }).setNoDelay(true);
  const connected = (socket) =>
    new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("error", reject);
    });
  const sockets = await Promise.all(Array.from({ length: clients }, () => connected(open())));

  const latencies = [];
  const statusCodes = {};
  let answeredInWindow = 0;
  let non2xx = 0;
  let failures = 0;
  let timeouts = 0;
  const start = performance.now();
  const measureFrom = start + warmup * 1000;
  const measureTo = measureFrom + duration * 1000;

  const client = async (i) => {
    let first = sockets[i];
    // The agent keeps the connection between requests; it asks for a new one only after a
    // timeout or an error destroyed it.
    const agent = new (class extends http.Agent {
      createConnection() {
        const socket = first ?? open();
        first = undefined;
        return socket;
      }
    })({ keepAlive: true, maxSockets: 1 });
    try {
      while (performance.now() < measureTo) {
        const spec = request(i);
        const sent = performance.now();
        const measured = sent >= measureFrom;
        const answer = await send(agent, host, port, spec, timeoutMs);
        const done = performance.now();
        if ("status" in answer && done >= measureFrom && done < measureTo) answeredInWindow++;
        if (measured) {
          if ("status" in answer) {
            latencies.push(done - sent);
            statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
            if (answer.status < 200 || answer.status > 299) non2xx++;
          } else if (answer.failed === "timeout") timeouts++;
          else failures++;
        }
        onAnswer(i, answer, measured);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(sockets.map((_, i) => client(i)));

  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? Math.round(percentile(latencies, q)) : null);
  return {
    rps: Math.round((answeredInWindow / duration) * 100) / 100,
    total: latencies.length + timeouts + failures,
    ok: latencies.length - non2xx,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: latencies.length ? Math.round(latencies[latencies.length - 1]) : null,
    non2xx,
    // Timeouts and connection failures, as autocannon counted its errors.
    errors: timeouts + failures,
    timeouts,
    statusCodes,
  };
}

function send(agent, host, port, { method, path, headers = {}, body = "" }, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.request({ host, port, method, path, agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } });
    const timer = setTimeout(() => {
      resolve({ failed: "timeout" });
      request.destroy();
    }, timeoutMs);
    request.on("response", (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", (error) => {
        clearTimeout(timer);
        resolve({ failed: error.message });
      });
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve({ failed: error.message });
    });
    request.end(body);
  });
}
