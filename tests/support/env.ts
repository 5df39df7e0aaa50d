// Points env() at a test configuration for one file: secrets in a temporary DATA_DIR, no SMTP
// (mail goes to the outbox table), plus the given variables. Restored afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

const cache = globalThis as unknown as { __portalEnv?: unknown };

export function withTestEnv(vars: Record<string, string> = {}) {
  const saved = { ...process.env };
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-env-"));
    for (const key of ["APP_ENV", "SMTP_URL", "AUTH_SECRET", "DATA_ENCRYPTION_KEY", "ADMIN_EMAILS", "OAUTH_ISSUER"]) delete process.env[key];
    Object.assign(process.env, { DATA_DIR: dataDir, APP_URL: "http://localhost:3999", ...vars });
    cache.__portalEnv = undefined;
  });
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    cache.__portalEnv = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
}
