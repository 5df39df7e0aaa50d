import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// People who can sign in at the embedded authorization server (its own sign-in page), so a
// partner can run the whole flow without a real account. The embedded default has the demo
// company's users (listed in the README, and shown on the sign-in page as a hint); a real
// deployment lists its own in SANDBOX_USERS, whose passwords are never shown anywhere.

export type SandboxAccount = { id: string; email: string; name: string; company: string; password: string };

export const SANDBOX_PASSWORD = "sandbox-demo-2026";

const DEMO_ACCOUNTS: SandboxAccount[] = [
  { id: "sandbox-user-alex", email: "alex@demo-company.example", name: "Alex Demo", company: "Demo Company ApS", password: SANDBOX_PASSWORD },
  { id: "sandbox-user-sam", email: "sam@demo-company.example", name: "Sam Sample", company: "Demo Company ApS", password: SANDBOX_PASSWORD },
];

const sha256 = (value: string) => createHash("sha256").update(value).digest();

/** Is the embedded server on in this process? Off, its routes (/oidc, /sandbox) answer 404. */
export function embeddedServerEnabled(): boolean {
  return env().oauth.embeddedServer;
}

/** True while the sandbox users are the demo ones, whose password may be shown as a hint. */
export function usesDemoSandboxUsers(): boolean {
  return !env().oauth.sandboxUsers && !env().isProduction;
}

export function sandboxAccounts(): SandboxAccount[] {
  const configured = env().oauth.sandboxUsers;
  if (!configured) return env().isProduction ? [] : DEMO_ACCOUNTS;
  // The id becomes the token's subject: stable across restarts, and no e-mail address in it.
  return configured.map((u) => ({
    id: `sandbox-user-${sha256(u.email).toString("base64url").slice(0, 16)}`,
    email: u.email,
    name: u.name,
    company: u.company ?? "Sandbox",
    password: u.password,
  }));
}

export function findSandboxAccount(id: string): SandboxAccount | undefined {
  return sandboxAccounts().find((a) => a.id === id);
}

export function checkSandboxLogin(email: string, password: string): SandboxAccount | undefined {
  const account = sandboxAccounts().find((a) => a.email === email.trim().toLowerCase());
  // Digests of equal length, so the comparison takes the same time whatever was typed.
  return account && timingSafeEqual(sha256(account.password), sha256(password)) ? account : undefined;
}
