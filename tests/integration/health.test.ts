// GET /api/health against a real database: ready, a migration missing, a database that
// refuses connections, and one that accepts them and never answers.
import net from "node:net";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/lib/db/connect";
import { setDatabaseForTests } from "@/lib/db/index";
import { GET } from "@/app/api/health/route";
import { withTestDatabase } from "../support/db";

// Load balancers send no session; the session lookup is not what is tested here.
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: vi.fn(async () => null), isMember: () => false, isAdmin: () => false }));

const database = withTestDatabase();

async function probe() {
  const started = Date.now();
  const response = await GET(new NextRequest("http://localhost:3000/api/health"), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get("cache-control"), ms: Date.now() - started };
}

/** Points the data layer at a PostgreSQL "server" on this port for the duration of `fn`. */
async function withDatabaseAt<T>(port: number, fn: () => Promise<T>): Promise<T> {
  const unreachable = await openDatabase({ databaseUrl: `postgresql://portal:x@127.0.0.1:${port}/portal`, dataDir: "" });
  setDatabaseForTests(unreachable);
  try {
    return await fn();
  } finally {
    setDatabaseForTests(database.current);
    void unreachable.close().catch(() => undefined);
  }
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("GET /api/health", () => {
  it("answers 200 with nothing but the status when the database is migrated", async () => {
    expect(await probe()).toMatchObject({ status: 200, body: '{"status":"ok"}', cacheControl: "no-store" });
  });

  it("answers 503 while a migration of this build is not applied", async () => {
    const [last] = await database.current.sql.query<{ name: string }>(`SELECT name FROM "_migrations" ORDER BY name DESC LIMIT 1`);
    await database.current.sql.query(`DELETE FROM "_migrations" WHERE name = $1`, [last!.name]);
    try {
      expect(await probe()).toMatchObject({ status: 503, body: '{"status":"unavailable"}', cacheControl: "no-store" });
    } finally {
      await database.current.sql.query(`INSERT INTO "_migrations" (name) VALUES ($1)`, [last!.name]);
    }
    expect((await probe()).status).toBe(200);
  });

  it("answers 503 at once when the database refuses connections, without its error", async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const answer = await withDatabaseAt(port, probe);
    expect(answer).toMatchObject({ status: 503, body: '{"status":"unavailable"}' });
    expect(answer.ms).toBeLessThan(2_000);
  });

  it("answers 503 within about 2 s when the database hangs, and 200 again once it is back", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket)); // accepts, never speaks
    const port = await listen(silent);
    try {
      const answers = await withDatabaseAt(port, () => Promise.all([probe(), probe(), probe()]));
      for (const answer of answers) {
        expect(answer).toMatchObject({ status: 503, body: '{"status":"unavailable"}' });
        expect(answer.ms).toBeGreaterThanOrEqual(1_900);
        expect(answer.ms).toBeLessThan(3_000);
      }
      // The hung check was abandoned: the next probe asks the (now healthy) database afresh.
      expect((await probe()).status).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
