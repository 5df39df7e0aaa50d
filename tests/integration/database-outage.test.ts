// PostgreSQL stopped under a running portal, then back: requests get a clear 503 (JSON from
// route handlers, a message from server actions), nothing hangs, and everything recovers by
// itself, the raw session used for advisory locks included. Needs a server it can stop, so it
// runs with its own cluster, in the PostgreSQL pass only (the embedded database cannot go away).
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { randomUUID } from "node:crypto";
import { db, setDatabaseForTests } from "@/lib/db";
import { databaseDownSince, isDatabaseUnavailable } from "@/lib/db/availability";
import { openDatabase, type Database } from "@/lib/db/connect";
import { migrate } from "@/lib/db/migrate";
import { findSession } from "@/lib/db/sessions";
import { route } from "@/lib/http/route";
import { startPostgres } from "../../scripts/lib/postgres.mjs";
import { MIGRATIONS_DIR, testDatabaseKind } from "../support/db";

vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: vi.fn(async () => null), isAdmin: () => false, isMember: () => false }));

type Cluster = Awaited<ReturnType<typeof startPostgres>>;
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

const countUsers = route("public", {}, async () => Response.json({ users: await (await db()).user.count() }));
const countAction = action("public", z.object({}), async () => ({ ok: true, message: String(await (await db()).user.count()) }));
const get = () => countUsers(new NextRequest("http://localhost/api/count"), { params: Promise.resolve({}) });
// The session read skips Prisma's client (Database.statement): it must tell the same story.
const readSession = route("public", {}, async () => Response.json({ session: await findSession(randomUUID()) }));
const getSession = () => readSession(new NextRequest("http://localhost/api/session"), { params: Promise.resolve({}) });

describe.runIf(testDatabaseKind === "postgresql")("the database going away and coming back", () => {
  let cluster: Cluster;
  let database: Database;
  beforeAll(async () => {
    cluster = await startPostgres();
    database = await openDatabase({ databaseUrl: cluster.url, dataDir: "" });
    await migrate(database.sql, MIGRATIONS_DIR);
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await database?.close().catch(() => undefined);
    cluster?.remove();
  });

  it("answers 503 with a clear message while it is down, and recovers without a restart", async () => {
    expect((await get()).status).toBe(200);
    expect(databaseDownSince()).toBeUndefined();

    cluster.stop();
    const down = await within(get(), 10_000);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.json()).toEqual({ error: "service_unavailable", error_description: expect.stringContaining("cannot reach its database") });
    expect(await within(countAction(null, {}), 10_000)).toMatchObject({ ok: false, code: "unavailable", error: expect.stringContaining("try again") });
    expect(databaseDownSince()).toBeTypeOf("number");

    cluster.start();
    expect((await within(get(), 10_000)).status).toBe(200);
    expect(await within(countAction(null, {}), 10_000)).toMatchObject({ ok: true });
    expect(databaseDownSince()).toBeUndefined();
  });

  it("answers 503 for statements outside Prisma's client too, and recovers", async () => {
    expect(await (await getSession()).json()).toEqual({ session: null });
    cluster.stop();
    const down = await within(getSession(), 10_000);
    expect(down.status).toBe(503);
    expect(databaseDownSince()).toBeTypeOf("number");
    cluster.start();
    expect((await within(getSession(), 10_000)).status).toBe(200);
    expect(databaseDownSince()).toBeUndefined();
  });

  it("reconnects the raw session (migrations, advisory locks) after the server returns", async () => {
    expect(await database.sql.query<{ x: number }>("SELECT 1::int AS x")).toEqual([{ x: 1 }]);
    cluster.stop();
    const failure = await within(database.sql.query("SELECT 1"), 10_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    cluster.start();
    expect(await within(database.sql.query<{ x: number }>("SELECT 2::int AS x"), 10_000)).toEqual([{ x: 2 }]);
    // Session-level advisory locks work again on the new connection.
    expect(await within(database.sql.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(42) AS ok"), 10_000)).toEqual([{ ok: true }]);
  });
});
