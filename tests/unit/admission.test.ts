// Requests take turns into Next.js (lib/http/admission.mjs, used by server.mjs): a bounded
// number at once, the rest in arrival order, none waiting longer than its bound.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { admission, admit, takesATurn } from "@/lib/http/admission.mjs";

/** A request that runs until the test ends it. */
function request(log: string[], name: string) {
  let end!: () => void;
  const done = new Promise<void>((resolve) => (end = resolve));
  return {
    run: () => {
      log.push(name);
      return done;
    },
    end: async () => {
      end();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

type Request = ReturnType<typeof request>;

describe("admission", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at most `limit` requests at once and the others in arrival order", async () => {
    const gate = admission({ limit: 2, maxWaitMs: 1_000 });
    const log: string[] = [];
    const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((name) => request(log, name)) as [Request, Request, Request, Request, Request];
    for (const r of [a, b, c, d, e]) gate.enter(r.run);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["a", "b"]);
    expect([gate.running, gate.waiting]).toEqual([2, 3]);
    await b.end();
    expect(log).toEqual(["a", "b", "c"]);
    await a.end();
    await c.end();
    expect(log).toEqual(["a", "b", "c", "d", "e"]);
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
  });

  it("lets a request in after `maxWaitMs` even when every turn is still taken", async () => {
    // A request holding a turn may wait on another one (or on a slow client): neither may
    // hold everyone back for longer than the bound.
    const gate = admission({ limit: 1, maxWaitMs: 1_000 });
    const log: string[] = [];
    const first = request(log, "first");
    const second = request(log, "second");
    const third = request(log, "third");
    gate.enter(first.run);
    gate.enter(second.run);
    await vi.advanceTimersByTimeAsync(400);
    gate.enter(third.run);
    await vi.advanceTimersByTimeAsync(599);
    expect(log).toEqual(["first"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(["first", "second"]);
    expect(gate.running).toBe(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(log).toEqual(["first", "second", "third"]);
    expect([gate.running, gate.waiting]).toEqual([3, 0]);
  });

  it("keeps counting a request that failed as finished", async () => {
    const gate = admission({ limit: 1, maxWaitMs: 1_000 });
    const log: string[] = [];
    gate.enter(() => Promise.reject(new Error("Next.js failed")));
    gate.enter(request(log, "after").run);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["after"]);
  });

  it("does not start a request whose client hung up while it waited", async () => {
    const gate = admission({ limit: 1, maxWaitMs: 1_000 });
    const log: string[] = [];
    const first = request(log, "first");
    const dropped = vi.fn();
    gate.enter(first.run);
    gate.enter(request(log, "gone").run, { gone: () => true, dropped });
    gate.enter(request(log, "still here").run, { gone: () => false });
    await first.end();
    expect(log).toEqual(["first", "still here"]);
    expect(dropped).toHaveBeenCalledOnce();
  });
});

describe("takesATurn", () => {
  it.each(["/api/registrations/1/draft", "/registrations", "/", "/api/healthz", "/oidcx", "/sandbox/interaction/abc", "http://portal.example/oidc/token"])(
    "%s waits for its turn",
    (url) => expect(takesATurn(url)).toBe(true),
  );
  it.each(["/_next/static/chunks/app.js", "/api/health", "/api/health?deep=1", "/oidc", "/oidc/token", "/oidc?x=1", "/sandbox/v1/users/me"])(
    "%s never waits (static files, health, and what the portal's own handlers call)",
    (url) => expect(takesATurn(url)).toBe(false),
  );
});

describe("admit, on a real HTTP server with every turn taken", () => {
  // One request holds the only turn; what arrives next either waits or goes straight in.
  async function serverWithGate() {
    const gate = admission({ limit: 1, maxWaitMs: 30_000 });
    const started: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = http.createServer((req, res) => {
      admit(gate, req, async () => {
        started.push(`${req.method} ${req.url}`);
        if (req.url === "/hold") await held;
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const raw = (text: string) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => undefined);
      socket.write(text);
      return socket;
    };
    const sockets = [raw("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")];
    await vi.waitFor(() => expect(started).toEqual(["GET /hold"]));
    return {
      started,
      raw: (text: string) => sockets.push(raw(text)),
      async close() {
        release();
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it("makes a request with its whole body wait, but lets in one whose body is still arriving", async () => {
    const s = await serverWithGate();
    try {
      s.raw("PUT /complete HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      // A slow client: it announced 10 bytes and sent 5. Holding a turn, it could keep everyone waiting.
      s.raw('PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a":');
      s.raw("GET /health-free HTTP/1.1\r\nHost: x\r\n\r\n");
      await vi.waitFor(() => expect(s.started).toContain("PUT /slow"));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(s.started).toEqual(["GET /hold", "PUT /slow"]);
    } finally {
      await s.close();
    }
  });

  it("never makes the authorization server or the health check wait", async () => {
    const s = await serverWithGate();
    try {
      s.raw("POST /oidc/token HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      s.raw("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
      await vi.waitFor(() => expect(s.started).toEqual(expect.arrayContaining(["POST /oidc/token", "GET /api/health"])));
    } finally {
      await s.close();
    }
  });
});
