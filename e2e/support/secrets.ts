import { readFileSync, readdirSync, statSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import path from "node:path";

/** Every file under a folder, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Client bundles (what browsers download) that contain any of the values. */
export function clientBundlesContaining(values: string[]): string[] {
  return files(".next/static").filter((f) => {
    const text = readFileSync(f, "utf8");
    return values.some((v) => text.includes(v));
  });
}

export function serverLog(): string {
  return readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "server.log"), "utf8");
}

export function localSecrets(): string[] {
  const secrets = JSON.parse(readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "local-secrets.json"), "utf8")) as Record<string, string>;
  return Object.values(secrets);
}

/**
 * Does this secret authenticate the client? Asked of the real server: its revocation endpoint
 * authenticates the client (client_secret_basic) before anything else.
 */
export async function secretWorks(request: APIRequestContext, clientId: string, secret: string): Promise<boolean> {
  const response = await request.post("/oidc/oauth/revoke", {
    headers: { Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}` },
    form: { token: "not-a-real-token" },
  });
  return response.status() === 200;
}

/** The client ID a registration page shows (the first UUID in a <code>). */
export async function shownClientId(page: Page): Promise<string> {
  return (await page
    .locator("code")
    .filter({ hasText: /^[0-9a-f-]{36}$/ })
    .first()
    .textContent())!;
}
