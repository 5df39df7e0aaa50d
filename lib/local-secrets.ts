// Secrets of the embedded default (APP_ENV unset): generated on first start into a
// git-ignored file so that sessions and encrypted data survive restarts. A real deployment
// (APP_ENV=production) must pass AUTH_SECRET and DATA_ENCRYPTION_KEY explicitly instead.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type LocalSecrets = { authSecret: string; dataEncryptionKey: string };

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "local-secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    dataEncryptionKey: randomBytes(32).toString("hex"),
  };
  try {
    // "wx": if another process won the race, keep its secrets rather than ours.
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  }
}
