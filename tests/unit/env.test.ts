import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const AUTH_SECRET = "a".repeat(32);
const KEY = "0123456789abcdef".repeat(4);
const PRODUCTION = {
  APP_ENV: "production",
  AUTH_SECRET,
  DATA_ENCRYPTION_KEY: KEY,
  APP_URL: "https://portal.example.test",
  SMTP_URL: "smtp://mail.example.test:587",
  OAUTH_ISSUER: "https://login.platform.example.test",
  OAUTH_INITIAL_ACCESS_TOKEN: "initial-access-token",
};

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-env-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** The EnvError thrown for `source`; fails the test when parsing succeeds. */
function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error("parseEnv accepted an invalid configuration");
}

function expectOneLineNaming(error: EnvError, variable: string) {
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
}

describe("parseEnv defaults (APP_ENV unset)", () => {
  it("runs locally on port 3000 with the Pleo brand and no optional services", () => {
    const e = parseEnv({ DATA_DIR: dataDir });
    expect(e.appEnv).toBe("local");
    expect(e.isProduction).toBe(false);
    expect(e.port).toBe(3000);
    expect(e.appUrl).toBe("http://localhost:3000");
    expect(e.brandName).toBe("Pleo");
    expect(e.dataDir).toBe(dataDir);
    expect(e.databaseUrl).toBeUndefined();
    expect(e.smtpUrl).toBeUndefined();
    expect(e.oidc).toBeUndefined();
    expect(e.trustProxy).toBe(false);
    // The embedded default's seeded admin is staff there, as if listed in ADMIN_EMAILS.
    expect([...e.adminEmails]).toEqual(["admin@example.com"]);
  });

  it("treats an empty PORT as unset", () => {
    expect(parseEnv({ DATA_DIR: dataDir, PORT: "" }).port).toBe(3000);
  });

  it("derives the default APP_URL from PORT and strips trailing slashes from APP_URL", () => {
    expect(parseEnv({ DATA_DIR: dataDir, PORT: "4123" }).appUrl).toBe("http://localhost:4123");
    expect(parseEnv({ DATA_DIR: dataDir, APP_URL: "https://portal.example.test//" }).appUrl).toBe("https://portal.example.test");
  });

  it("generates secrets into DATA_DIR/local-secrets.json with mode 0600", () => {
    const e = parseEnv({ DATA_DIR: dataDir });
    const file = path.join(dataDir, "local-secrets.json");
    const stored = JSON.parse(readFileSync(file, "utf8")) as { authSecret: string; dataEncryptionKey: string };
    expect(e.authSecret).toBe(stored.authSecret);
    expect(e.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(e.dataEncryptionKey).toHaveLength(32);
    expect(e.dataEncryptionKey.toString("hex")).toBe(stored.dataEncryptionKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("reuses the same local secrets on every call", () => {
    const first = parseEnv({ DATA_DIR: dataDir });
    const second = parseEnv({ DATA_DIR: dataDir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.dataEncryptionKey.equals(first.dataEncryptionKey)).toBe(true);
    const otherDir = mkdtempSync(path.join(os.tmpdir(), "portal-env-"));
    try {
      expect(parseEnv({ DATA_DIR: otherDir }).authSecret).not.toBe(first.authSecret);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it("prefers explicit secrets and then writes no local secrets file", () => {
    const e = parseEnv({ DATA_DIR: dataDir, AUTH_SECRET, DATA_ENCRYPTION_KEY: KEY });
    expect(e.authSecret).toBe(AUTH_SECRET);
    expect(e.dataEncryptionKey.toString("hex")).toBe(KEY);
    expect(() => statSync(path.join(dataDir, "local-secrets.json"))).toThrow();
  });
});

describe("parseEnv with APP_ENV=production", () => {
  it("accepts a complete configuration without touching DATA_DIR", () => {
    const e = parseEnv({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(e.appEnv).toBe("production");
    expect(e.isProduction).toBe(true);
    expect(e.authSecret).toBe(AUTH_SECRET);
    expect(e.appUrl).toBe("https://portal.example.test");
    expect(() => statSync(path.join(dataDir, "local-secrets.json"))).toThrow();
  });

  it.each(["AUTH_SECRET", "DATA_ENCRYPTION_KEY", "APP_URL", "SMTP_URL"])("requires %s", (variable) => {
    const error = envError({ ...PRODUCTION, DATA_DIR: dataDir, [variable]: undefined });
    expectOneLineNaming(error, variable);
    expect(error.message).toContain("APP_ENV=production");
    // An empty value is the same as a missing one.
    expectOneLineNaming(envError({ ...PRODUCTION, DATA_DIR: dataDir, [variable]: "" }), variable);
  });

  it("refuses an unknown APP_ENV", () => {
    expectOneLineNaming(envError({ APP_ENV: "staging", DATA_DIR: dataDir }), "APP_ENV");
  });
});

describe("parseEnv malformed values", () => {
  it.each([
    ["PORT", "http"],
    ["PORT", "0"],
    ["PORT", "70000"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "mysql://localhost/portal"],
    ["SMTP_URL", "http://mail.example.test"],
    ["DATA_ENCRYPTION_KEY", "abc123"],
    ["DATA_ENCRYPTION_KEY", "z".repeat(64)],
    ["AUTH_SECRET", "too-short"],
    ["APP_URL", "ftp://portal.example.test"],
    ["TRUST_PROXY", "maybe"],
  ])("names %s=%j in a one-line message", (variable, value) => {
    expectOneLineNaming(envError({ DATA_DIR: dataDir, [variable]: value }), variable);
  });

  it("accepts the valid forms of those variables", () => {
    const e = parseEnv({
      DATA_DIR: dataDir,
      PORT: "8080",
      DATABASE_URL: "postgres://u@db/portal",
      SMTP_URL: "smtps://u:p@mail.example.test:465",
      DATA_ENCRYPTION_KEY: KEY.toUpperCase(),
      AUTH_SECRET,
      TRUST_PROXY: " Yes ",
    });
    expect(e.port).toBe(8080);
    expect(e.databaseUrl).toBe("postgres://u@db/portal");
    expect(e.smtpUrl).toBe("smtps://u:p@mail.example.test:465");
    expect(e.dataEncryptionKey.toString("hex")).toBe(KEY);
    expect(e.trustProxy).toBe(true);
    expect(parseEnv({ DATA_DIR: dataDir, TRUST_PROXY: "false" }).trustProxy).toBe(false);
  });
});

describe("parseEnv mail delivery and housekeeping", () => {
  it("defaults to a retry every 30 s, backoff from 30 s, 6 attempts, hourly housekeeping and 30 days' retention", () => {
    const e = parseEnv({ DATA_DIR: dataDir });
    expect(e.mailDelivery).toEqual({ retryIntervalMs: 30_000, backoffMs: 30_000, maxAttempts: 6 });
    expect(e.housekeeping).toEqual({ intervalMs: 3_600_000, mailRetentionMs: 30 * 86_400_000, sessionRetentionMs: 30 * 86_400_000 });
  });

  it("reads each setting", () => {
    const e = parseEnv({
      DATA_DIR: dataDir,
      MAIL_RETRY_INTERVAL_SECONDS: "5",
      MAIL_BACKOFF_SECONDS: "2",
      MAIL_MAX_ATTEMPTS: "3",
      HOUSEKEEPING_INTERVAL_MINUTES: "15",
      MAIL_RETENTION_DAYS: "7",
      SESSION_RETENTION_DAYS: "90",
    });
    expect(e.mailDelivery).toEqual({ retryIntervalMs: 5_000, backoffMs: 2_000, maxAttempts: 3 });
    expect(e.housekeeping).toEqual({ intervalMs: 900_000, mailRetentionMs: 7 * 86_400_000, sessionRetentionMs: 90 * 86_400_000 });
  });

  it.each([
    ["MAIL_RETRY_INTERVAL_SECONDS", "0"],
    ["MAIL_BACKOFF_SECONDS", "1.5"],
    ["MAIL_MAX_ATTEMPTS", "-1"],
    ["HOUSEKEEPING_INTERVAL_MINUTES", "hourly"],
    ["MAIL_RETENTION_DAYS", "0"],
    ["SESSION_RETENTION_DAYS", "30d"],
  ])("names %s=%j in a one-line message", (variable, value) => {
    expectOneLineNaming(envError({ DATA_DIR: dataDir, [variable]: value }), variable);
  });
});

describe("parseEnv OIDC and admins", () => {
  const OIDC = {
    AUTH_OIDC_ISSUER: "https://idp.example.test",
    AUTH_OIDC_CLIENT_ID: "portal",
    AUTH_OIDC_CLIENT_SECRET: "s3cret",
  };

  it.each(Object.keys(OIDC))("refuses a partial OIDC configuration without %s", (variable) => {
    expectOneLineNaming(envError({ DATA_DIR: dataDir, ...OIDC, [variable]: undefined }), variable);
  });

  it("builds the OIDC config when all three are set", () => {
    expect(parseEnv({ DATA_DIR: dataDir, ...OIDC }).oidc).toEqual({
      issuer: "https://idp.example.test",
      clientId: "portal",
      clientSecret: "s3cret",
      name: "Staff single sign-on",
    });
    expect(parseEnv({ DATA_DIR: dataDir, ...OIDC, AUTH_OIDC_NAME: "Okta" }).oidc?.name).toBe("Okta");
  });

  it("parses ADMIN_EMAILS lowercased and trimmed, skipping empty entries", () => {
    const e = parseEnv({ DATA_DIR: dataDir, ADMIN_EMAILS: " Ada@Example.COM ,, bob@example.com ," });
    expect([...e.adminEmails].sort()).toEqual(["ada@example.com", "admin@example.com", "bob@example.com"]);
    expect(e.adminEmails.has("Ada@Example.COM")).toBe(false);
  });
});

describe("parseEnv SANDBOX_USERS and the embedded authorization server", () => {
  const USERS = [
    { email: "Tester@Partner-Sandbox.example", name: "Tess Tester", password: "correct horse battery" },
    { email: "second@partner-sandbox.example", name: "Sid Second", password: "another long one", company: "Sandbox Bank" },
  ];
  const PASSWORD_FREE = /correct horse|another long|short-pw|battery/;
  const { OAUTH_ISSUER: _issuer, OAUTH_INITIAL_ACCESS_TOKEN: _token, ...PRODUCTION_EMBEDDED } = PRODUCTION;

  it("keeps the embedded server with the demo users in the embedded default", () => {
    expect(parseEnv({ DATA_DIR: dataDir }).oauth).toMatchObject({ embeddedServer: true, sandboxUsers: undefined });
  });

  it("parses the users, lowercasing e-mail addresses", () => {
    const e = parseEnv({ ...PRODUCTION_EMBEDDED, DATA_DIR: dataDir, SANDBOX_USERS: JSON.stringify(USERS) });
    expect(e.oauth.embeddedServer).toBe(true);
    expect(e.oauth.sandboxUsers).toEqual([
      { email: "tester@partner-sandbox.example", name: "Tess Tester", password: "correct horse battery" },
      { email: "second@partner-sandbox.example", name: "Sid Second", password: "another long one", company: "Sandbox Bank" },
    ]);
  });

  it("turns the embedded server off in production when only OAUTH_ISSUER is set", () => {
    expect(parseEnv({ ...PRODUCTION, DATA_DIR: dataDir }).oauth).toMatchObject({ embeddedServer: false, sandboxUsers: undefined });
  });

  it("refuses production with neither OAUTH_ISSUER nor SANDBOX_USERS, naming both", () => {
    const error = envError({ ...PRODUCTION_EMBEDDED, DATA_DIR: dataDir });
    expectOneLineNaming(error, "OAUTH_ISSUER");
    expect(error.message).toMatch(/^Invalid configuration: OAUTH_ISSUER or SANDBOX_USERS is required when APP_ENV=production/);
  });

  it.each([
    ["not JSON", "[{email: tester}]", /not valid JSON/],
    ["not an array", JSON.stringify(USERS[0]), /JSON array/],
    ["an empty array", "[]", /at least one user/],
    ["a user without a password", JSON.stringify([{ email: "a@b.example", name: "A" }]), /user 1: password is required/],
    ["a password under 12 characters", JSON.stringify([USERS[0], { ...USERS[1], password: "short-pw" }]), /user 2: password must be at least 12 characters/],
    ["an invalid e-mail address", JSON.stringify([{ ...USERS[0], email: "not-an-address" }]), /user 1: email must be an e-mail address/],
    ["an empty name", JSON.stringify([{ ...USERS[0], name: " " }]), /user 1: name is required/],
    ["an unknown field", JSON.stringify([{ ...USERS[0], role: "admin" }]), /user 1: unknown field role/],
    ["the same address twice", JSON.stringify([USERS[0], { ...USERS[1], email: "tester@partner-sandbox.example" }]), /user 2: .* is listed twice/],
  ])("refuses %s in one line naming SANDBOX_USERS, without quoting a password", (_what, value, detail) => {
    const error = envError({ DATA_DIR: dataDir, SANDBOX_USERS: value });
    expectOneLineNaming(error, "SANDBOX_USERS");
    expect(error.message).toMatch(detail);
    expect(error.message).not.toMatch(PASSWORD_FREE);
  });
});

describe("INSTANT_STAGING (the instant-staging policy until an admin saves it)", () => {
  it("is on in the embedded default, off with APP_ENV=production, and INSTANT_STAGING=off turns it off locally", () => {
    expect(parseEnv({ DATA_DIR: dataDir }).instantStagingDefault).toBe(true);
    expect(parseEnv({ DATA_DIR: dataDir, INSTANT_STAGING: "off" }).instantStagingDefault).toBe(false);
    expect(parseEnv({ DATA_DIR: dataDir, INSTANT_STAGING: "" }).instantStagingDefault).toBe(true);
    expect(parseEnv(PRODUCTION).instantStagingDefault).toBe(false);
    expect(parseEnv({ ...PRODUCTION, INSTANT_STAGING: "off" }).instantStagingDefault).toBe(false);
  });

  it("refuses INSTANT_STAGING=on with APP_ENV=production, and values other than on or off", () => {
    const on = envError({ ...PRODUCTION, INSTANT_STAGING: "on" });
    expectOneLineNaming(on, "INSTANT_STAGING");
    expect(on.message).toContain("an admin switches the policy on at /admin/policy");
    expectOneLineNaming(envError({ DATA_DIR: dataDir, INSTANT_STAGING: "maybe" }), "INSTANT_STAGING");
  });
});
