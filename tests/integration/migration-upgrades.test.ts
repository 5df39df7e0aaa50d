// Databases made by earlier releases start cleanly after the new migrations, and the data
// migrations among them keep everything verified people made. Each test builds a database at
// an earlier migration, fills it as that release would have, then applies the rest.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type SqlRunner } from "@/lib/db/connect";
import { listMigrations, migrate } from "@/lib/db/migrate";
import { MIGRATIONS_DIR, createTestDatabase } from "../support/db";

const work = mkdtempSync(path.join(os.tmpdir(), "portal-upgrade-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Applies the migrations up to and including `last`, as that release shipped them. */
async function migrateUntil(sql: SqlRunner, last: string) {
  const dir = mkdtempSync(path.join(work, "set-"));
  for (const m of listMigrations(MIGRATIONS_DIR).filter((m) => m.name <= last)) {
    cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  }
  return migrate(sql, dir);
}

async function upgraded(last: string, fill: (sql: SqlRunner) => Promise<void>, check: (sql: SqlRunner) => Promise<void>) {
  const database = await createTestDatabase();
  try {
    await migrateUntil(database.sql, last);
    await fill(database.sql);
    const applied = await migrate(database.sql, MIGRATIONS_DIR);
    expect(applied.length).toBeGreaterThan(0);
    await check(database.sql);
    // The upgraded database is usable through today's Prisma client.
    expect(await database.prisma.user.count()).toBeGreaterThan(0);
  } finally {
    await database.drop();
  }
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("upgrade from the release before confirmed sign-ups (20261123085342)", () => {
  it("removes never-verified accounts and their empty organizations, and keeps every verified one", async () => {
    await upgraded(
      "20261123085342_queue_partial_indexes",
      async (sql) => {
        await sql.exec(`
          INSERT INTO "Organization" (id, name) VALUES ('${id(1)}', 'Verified Org'), ('${id(2)}', 'Pre-hijacked Org');
          INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified", "isStaff", "updatedAt") VALUES
            ('${id(10)}', 'owner@verified.example', 'Owner', 'scrypt$owner', now(), false, now()),
            ('${id(11)}', 'member@verified.example', 'Member', 'scrypt$member', now(), false, now()),
            ('${id(12)}', 'victim@example.com', 'Mallory', 'scrypt$attacker', NULL, false, now()),
            ('${id(13)}', 'admin@platform.example', 'Mallory', 'scrypt$attacker', NULL, true, now()),
            ('${id(14)}', 'staff@platform.example', 'Sam', 'scrypt$staff', now(), true, now());
          INSERT INTO "Membership" (id, "userId", "organizationId", role) VALUES
            ('${id(20)}', '${id(10)}', '${id(1)}', 'OWNER'),
            ('${id(21)}', '${id(11)}', '${id(1)}', 'MEMBER'),
            ('${id(22)}', '${id(12)}', '${id(2)}', 'OWNER');
          INSERT INTO "AuthToken" (id, "userId", type, "tokenHash", "expiresAt") VALUES
            ('${id(30)}', '${id(12)}', 'VERIFY_EMAIL', 'hash-verify', now() + interval '1 day'),
            ('${id(31)}', '${id(10)}', 'RESET_PASSWORD', 'hash-reset', now() + interval '1 hour');
          INSERT INTO "Registration" (id, "organizationId", environment, "createdById", "updatedAt", "clientName")
            VALUES ('${id(40)}', '${id(1)}', 'STAGING', '${id(10)}', now(), 'Kept Client');
        `);
      },
      async (sql) => {
        const users = await sql.query<{ email: string }>(`SELECT email FROM "User" ORDER BY email`);
        expect(users.map((u) => u.email)).toEqual(["member@verified.example", "owner@verified.example", "staff@platform.example"]);
        const orgs = await sql.query<{ name: string }>(`SELECT name FROM "Organization" ORDER BY name`);
        expect(orgs.map((o) => o.name)).toEqual(["Verified Org"]);
        expect(await sql.query(`SELECT "clientName" FROM "Registration"`)).toEqual([{ clientName: "Kept Client" }]);
        expect(await sql.query(`SELECT type::text AS type FROM "AuthToken"`)).toEqual([{ type: "RESET_PASSWORD" }]);
        expect(await sql.query(`SELECT count(*)::int AS n FROM "Membership"`)).toEqual([{ n: 2 }]);
      },
    );
  });
});

describe("upgrade from the release before the reliability work (20261130151719)", () => {
  it("keeps test runs, sessions and second factors, and lets finished runs' state be wiped", async () => {
    await upgraded(
      "20261130151719_staff_second_factors",
      async (sql) => {
        await sql.exec(`
          INSERT INTO "Organization" (id, name) VALUES ('${id(1)}', 'Kept Org');
          INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified", "isStaff", "updatedAt") VALUES
            ('${id(10)}', 'owner@kept.example', 'Owner', 'scrypt$owner', now(), false, now()),
            ('${id(11)}', 'staff@kept.example', 'Staff', 'scrypt$staff', now(), true, now());
          INSERT INTO "Membership" (id, "userId", "organizationId", role) VALUES ('${id(20)}', '${id(10)}', '${id(1)}', 'OWNER');
          INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ('${id(30)}', '${id(10)}', now() + interval '1 day');
          INSERT INTO "SecondFactor" (id, "userId", kind, label, "totpSecretEnc") VALUES ('${id(31)}', '${id(11)}', 'TOTP', 'App', 'v1.x.y.z');
          INSERT INTO "Registration" (id, "organizationId", environment, "createdById", "updatedAt", "clientName")
            VALUES ('${id(40)}', '${id(1)}', 'STAGING', '${id(10)}', now(), 'Kept Client');
          INSERT INTO "TestRun" (id, "registrationId", "userId", "stateHash", "codeVerifierEnc", "redirectUri", scope, status, "expiresAt")
            VALUES ('${id(50)}', '${id(40)}', '${id(10)}', 'state-hash', 'v1.a.b.c', 'https://kept.example/cb', 'users:read', 'passed', now());
        `);
      },
      async (sql) => {
        expect(await sql.query(`SELECT "stateHash", status FROM "TestRun"`)).toEqual([{ stateHash: "state-hash", status: "passed" }]);
        expect(await sql.query(`SELECT count(*)::int AS n FROM "Session" WHERE "endedAt" IS NULL`)).toEqual([{ n: 1 }]);
        expect(await sql.query(`SELECT label FROM "SecondFactor"`)).toEqual([{ label: "App" }]);
        // The state of a finished run can now be wiped while the run stays.
        await sql.exec(`UPDATE "TestRun" SET "stateHash" = NULL, "codeVerifierEnc" = NULL`);
        expect(await sql.query(`SELECT count(*)::int AS n FROM "TestRun"`)).toEqual([{ n: 1 }]);
      },
    );
  });
});

describe("upgrade from the release with free-text run statuses (20261130161156)", () => {
  it("keeps every run's status as the enum, and reads an unknown one as failed, as the portal did", async () => {
    const statuses = ["pending", "running", "passed", "failed", "expired", "weird"];
    await upgraded(
      "20261130161156_test_run_state_wipe",
      async (sql) => {
        await sql.exec(`
          INSERT INTO "Organization" (id, name) VALUES ('${id(1)}', 'Runs Org');
          INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified", "updatedAt") VALUES ('${id(10)}', 'runner@runs.example', 'Runner', 'scrypt$x', now(), now());
          INSERT INTO "Registration" (id, "organizationId", environment, "createdById", "updatedAt", "clientName")
            VALUES ('${id(40)}', '${id(1)}', 'STAGING', '${id(10)}', now(), 'Runs Client');
          ${statuses
            .map(
              (status, n) =>
                `INSERT INTO "TestRun" (id, "registrationId", "userId", "redirectUri", scope, status, "expiresAt") VALUES ('${id(60 + n)}', '${id(40)}', '${id(10)}', 'https://runs.example/cb', 'users:read', '${status}', now());`,
            )
            .join("\n")}
        `);
      },
      async (sql) => {
        const rows = await sql.query<{ status: string }>(`SELECT status::text AS status FROM "TestRun" ORDER BY id`);
        expect(rows.map((r) => r.status)).toEqual(["pending", "running", "passed", "failed", "expired", "failed"]);
        expect(await sql.query(`SELECT column_default FROM information_schema.columns WHERE table_name = 'TestRun' AND column_name = 'status'`)).toEqual([
          { column_default: "'pending'::\"TestRunStatus\"" },
        ]);
      },
    );
  });
});

describe("several instances starting at once", () => {
  it("apply every migration exactly once, whoever comes first", async () => {
    const first = await createTestDatabase();
    try {
      if (first.kind !== "postgresql") {
        // One process owns an embedded database; concurrency only exists on PostgreSQL.
        expect(await migrate(first.sql, MIGRATIONS_DIR)).toHaveLength(listMigrations(MIGRATIONS_DIR).length);
        return;
      }
      const url = new URL(process.env.TEST_POSTGRES_URL!);
      const name = (await first.sql.query<{ db: string }>("SELECT current_database() AS db"))[0]!.db;
      url.pathname = `/${name}`;
      const others = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url.toString(), dataDir: "" })));
      try {
        const results = await Promise.all([first, ...others].map((d) => migrate(d.sql, MIGRATIONS_DIR)));
        expect(results.flat().sort()).toEqual(
          listMigrations(MIGRATIONS_DIR)
            .map((m) => m.name)
            .sort(),
        );
        const rows = await first.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_migrations"`);
        expect(rows[0]!.n).toBe(listMigrations(MIGRATIONS_DIR).length);
      } finally {
        await Promise.all(others.map((d) => d.close()));
      }
    } finally {
      await first.drop();
    }
  });
});
