import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// Only the data layer may say "the database is down": that answer turns the whole portal into
// 503s for everyone (server.mjs) until a query succeeds. A client that hangs up mid-body
// (ECONNRESET) or an outside service that refuses a connection must not do it: under load, an
// aborted autosave flipped the portal into its outage mode.
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: vi.fn(async () => null), isAdmin: () => false, isMember: () => false }));
vi.mock("@/lib/log", () => ({ log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));

const { route } = await import("@/lib/http/route");
const { action } = await import("@/lib/actions/safe-action");
const { databaseDownSince, markDatabaseUp, noteDatabaseError } = await import("@/lib/db/availability");

const refused = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
const echo = route("public", { body: { type: "json", schema: z.object({ n: z.number() }), maxBytes: 1024 } }, async (_r, { body }) => Response.json(body));

/** A JSON request whose body stream fails after its first bytes, as when the client hangs up. */
function abortedRequest() {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"n":'));
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
  const init = { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" };
  return new NextRequest("http://localhost/api/echo", init as ConstructorParameters<typeof NextRequest>[1]);
}

afterEach(() => markDatabaseUp());

describe("the database-down flag", () => {
  it("is not set by a client that hangs up mid-body, which gets a 400", async () => {
    const response = await echo(abortedRequest(), { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("could not be read") });
    expect(databaseDownSince()).toBeUndefined();
  });

  it("is not set by an outside service refusing a connection (a route handler's error)", async () => {
    const failing = route("public", {}, async () => {
      throw new TypeError("fetch failed", { cause: refused("ECONNREFUSED") });
    });
    const response = await failing(new NextRequest("http://localhost/api/x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(500);
    expect(databaseDownSince()).toBeUndefined();
  });

  it("is not set by an outside service refusing a connection (a server action's error)", async () => {
    const failing = action("public", z.object({}), async () => {
      throw new TypeError("fetch failed", { cause: refused("ECONNRESET") });
    });
    expect(await failing(null, {})).toMatchObject({ ok: false });
    expect(databaseDownSince()).toBeUndefined();
  });

  it("is set by the data layer's own report, which still answers 503", async () => {
    const failing = route("public", {}, async () => {
      throw noteDatabaseError(refused("ECONNREFUSED"));
    });
    const response = await failing(new NextRequest("http://localhost/api/x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(databaseDownSince()).toBeTypeOf("number");
  });

  it("is set by Prisma's own errors that mean the server cannot be reached (a transaction that could not start)", async () => {
    const failing = route("public", {}, async () => {
      throw Object.assign(new Error("Can't reach database server"), { code: "P1001", clientVersion: "7.10.1" });
    });
    expect((await failing(new NextRequest("http://localhost/api/x"), { params: Promise.resolve({}) })).status).toBe(503);
    expect(databaseDownSince()).toBeTypeOf("number");
  });
});
