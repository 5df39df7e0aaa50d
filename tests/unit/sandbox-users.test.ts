import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SANDBOX_PASSWORD,
  checkSandboxLogin,
  embeddedServerEnabled,
  findSandboxAccount,
  sandboxAccounts,
  usesDemoSandboxUsers,
} from "@/lib/oauth/sandbox-users";

// Who may sign in at the embedded authorization server: the demo users in the embedded
// default, only the SANDBOX_USERS of a real deployment, nobody when the server is off.

const VARS = [
  "APP_ENV",
  "AUTH_SECRET",
  "DATA_ENCRYPTION_KEY",
  "APP_URL",
  "SMTP_URL",
  "OAUTH_ISSUER",
  "OAUTH_INITIAL_ACCESS_TOKEN",
  "SANDBOX_USERS",
  "DATA_DIR",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
const cache = globalThis as { __portalEnv?: unknown };
let dataDir: string;

const PRODUCTION = {
  APP_ENV: "production",
  AUTH_SECRET: "a".repeat(32),
  DATA_ENCRYPTION_KEY: "0123456789abcdef".repeat(4),
  APP_URL: "https://portal.example.test",
  SMTP_URL: "smtp://mail.example.test:587",
};
const CONFIGURED = [{ email: "tess@partner-sandbox.example", name: "Tess Tester", password: "configured-password-1" }];

function configure(vars: Partial<Record<(typeof VARS)[number], string>>) {
  for (const k of VARS) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dataDir, ...vars });
  cache.__portalEnv = undefined;
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "sandbox-users-"));
});
afterAll(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  cache.__portalEnv = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded default (APP_ENV unset)", () => {
  it("has the demo users, whose password may be shown as a hint", () => {
    configure({});
    expect(embeddedServerEnabled()).toBe(true);
    expect(usesDemoSandboxUsers()).toBe(true);
    expect(sandboxAccounts().map((a) => a.email)).toEqual(["alex@demo-company.example", "sam@demo-company.example"]);
    expect(checkSandboxLogin(" Alex@Demo-Company.example ", SANDBOX_PASSWORD)?.id).toBe("sandbox-user-alex");
    expect(checkSandboxLogin("alex@demo-company.example", "wrong")).toBeUndefined();
  });
});

describe("APP_ENV=production with SANDBOX_USERS", () => {
  it("signs in only the configured users, never the demo ones, and shows no hint", () => {
    configure({ ...PRODUCTION, SANDBOX_USERS: JSON.stringify(CONFIGURED) });
    expect(embeddedServerEnabled()).toBe(true);
    expect(usesDemoSandboxUsers()).toBe(false);
    expect(checkSandboxLogin("alex@demo-company.example", SANDBOX_PASSWORD)).toBeUndefined();
    const account = checkSandboxLogin("TESS@partner-sandbox.example", "configured-password-1");
    expect(account).toMatchObject({ email: "tess@partner-sandbox.example", name: "Tess Tester", company: "Sandbox" });
    expect(account?.id).toMatch(/^sandbox-user-[A-Za-z0-9_-]{16}$/);
    expect(account?.id).not.toContain("tess");
    expect(findSandboxAccount(account!.id)).toEqual(account);
    expect(findSandboxAccount("sandbox-user-alex")).toBeUndefined();
    expect(checkSandboxLogin("tess@partner-sandbox.example", "configured-password-")).toBeUndefined();
  });

  it("keeps a user's id across restarts (it is the tokens' subject)", () => {
    configure({ ...PRODUCTION, SANDBOX_USERS: JSON.stringify(CONFIGURED) });
    const before = sandboxAccounts()[0]!.id;
    configure({ ...PRODUCTION, SANDBOX_USERS: JSON.stringify([{ ...CONFIGURED[0], name: "Renamed" }]) });
    expect(sandboxAccounts()[0]!.id).toBe(before);
  });
});

describe("APP_ENV=production with OAUTH_ISSUER only", () => {
  it("turns the embedded server off: nobody can sign in", () => {
    configure({ ...PRODUCTION, OAUTH_ISSUER: "https://login.platform.example.test", OAUTH_INITIAL_ACCESS_TOKEN: "iat" });
    expect(embeddedServerEnabled()).toBe(false);
    expect(usesDemoSandboxUsers()).toBe(false);
    expect(sandboxAccounts()).toEqual([]);
    expect(checkSandboxLogin("alex@demo-company.example", SANDBOX_PASSWORD)).toBeUndefined();
  });
});
