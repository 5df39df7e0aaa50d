import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listOutbox } from "@/lib/db/mail";
import { absoluteUrl, sendMail } from "@/lib/mail";
import { invitationMail, passwordResetMail, quoted, signUpAttemptMail, signUpMail } from "@/lib/mail/templates";
import { withTestDatabase } from "../support/db";

withTestDatabase();

const cache = globalThis as unknown as { __portalEnv?: unknown };
const VARS = ["APP_ENV", "APP_URL", "SMTP_URL", "DATA_DIR", "AUTH_SECRET", "DATA_ENCRYPTION_KEY", "PORT"] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
let dataDir: string;

/** Points env() at a fresh configuration: no SMTP, secrets in a temporary DATA_DIR. */
function configure(vars: Partial<Record<(typeof VARS)[number], string>>) {
  for (const k of VARS) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dataDir, ...vars });
  cache.__portalEnv = undefined;
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-mail-"));
});
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  configure({});
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  cache.__portalEnv = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("sendMail without SMTP_URL", () => {
  it("stores each message in the outbox as SENT, newest first", async () => {
    await sendMail({ to: "first@example.com", subject: "First", text: "one" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sendMail({ to: "second@example.com", subject: "Second", text: "two" });
    const outbox = await listOutbox();
    expect(outbox.map((m) => m.subject)).toEqual(["Second", "First"]);
    expect(outbox[0]).toMatchObject({ to: "second@example.com", text: "two", status: "SENT", attempts: 1, lastError: null });
    expect(outbox[1]).toMatchObject({ to: "first@example.com", status: "SENT" });
    expect(outbox[0]!.createdAt.getTime()).toBeGreaterThan(outbox[1]!.createdAt.getTime());
    expect((await listOutbox(1)).map((m) => m.subject)).toEqual(["Second"]);
  });

  it("logs the delivery to the console", async () => {
    await sendMail({ to: "logged@example.com", subject: "Logged", text: "body" });
    const lines = vi.mocked(console.log).mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ event: "mail.outbox", to: "logged@example.com", subject: "Logged" }));
  });
});

describe("templates", () => {
  it("build absolute links from APP_URL", () => {
    configure({ APP_URL: "https://portal.example.test/" });
    expect(absoluteUrl("/sign-in")).toBe("https://portal.example.test/sign-in");

    const token = "abc+/=?&def";
    const verification = signUpMail("pat@example.com", token);
    expect(verification.to).toBe("pat@example.com");
    expect(verification.text).toContain(`https://portal.example.test/verify-email?token=${encodeURIComponent(token)}`);

    const attempt = signUpAttemptMail("pat@example.com", "Pat");
    expect(attempt.text).toContain("Hi “Pat”,");
    expect(attempt.text).toContain("https://portal.example.test/forgot-password");

    const reset = passwordResetMail("pat@example.com", "Pat", "tok123");
    expect(reset.subject).toBe("Reset your password");
    expect(reset.text).toContain("https://portal.example.test/reset-password?token=tok123");

    const invitation = invitationMail("new@example.com", "Pat", "Acme Payments", "inv456");
    expect(invitation.to).toBe("new@example.com");
    expect(invitation.subject).toBe("You are invited to join a team on the partner portal");
    expect(invitation.text).toContain("“Pat” invited you to join the organization “Acme Payments”");
    expect(invitation.text).toContain("https://portal.example.test/invite/inv456");
  });

  it("default to http://localhost:PORT without APP_URL", () => {
    configure({ PORT: "4321" });
    expect(signUpMail("a@example.com", "t").text).toContain("http://localhost:4321/verify-email?token=t");
  });

  // Pen-test finding: an organization named "<brand> Support - urgent: re-verify at
  // https://evil.example" turned an invitation into a phishing mail.
  it("quote people's text as data: never in the subject, never as something a client links", () => {
    const phishing = "Pleo Support - urgent: re-verify at https://evil.example/login or www.evil.example";
    const invitation = invitationMail("new@example.com", "Mallory http://evil.example", phishing, "tok");
    expect(invitation.subject).not.toContain("evil");
    expect(invitation.text).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/);
    expect(quoted("a\nb https://x.example")).toBe("“a b https[://]x[.]example”");
  });

  it("are stored in the outbox as sent", async () => {
    configure({ APP_URL: "https://portal.example.test" });
    await sendMail(passwordResetMail("reset@example.com", "Reset", "tok789"));
    const [latest] = await listOutbox(1);
    expect(latest).toMatchObject({ to: "reset@example.com", subject: "Reset your password", status: "SENT" });
    expect(latest!.text).toContain("https://portal.example.test/reset-password?token=tok789");
  });
});

describe("delivery over SMTP", () => {
  it("a failed delivery never fails the caller, is recorded, and is retried when due", async () => {
    // Nothing listens on port 9 (discard): every SMTP connection fails at once.
    configure({ SMTP_URL: "smtp://127.0.0.1:9" });
    (globalThis as { __portalMailTransport?: unknown }).__portalMailTransport = undefined;
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const to = `retry-${Date.now()}@example.com`;
    await expect(sendMail({ to, subject: "Retry me", text: "Hello" })).resolves.toBeUndefined();

    const { db } = await import("@/lib/db");
    const row = async () =>
      (await db()).mailMessage.findFirstOrThrow({ where: { to }, select: { id: true, status: true, attempts: true, lastError: true, nextAttemptAt: true } });
    // The attempt is counted when it starts (its claim); the failure is recorded when it ends.
    await vi.waitFor(async () => expect((await row()).lastError).toBeTruthy(), { timeout: 10_000 });
    const first = await row();
    expect(first).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: the retry pass leaves it alone; once due, it tries again.
    const { retryPendingMail } = await import("@/lib/mail");
    await retryPendingMail();
    expect((await row()).attempts).toBe(1);
    await (await db()).mailMessage.update({ where: { id: first.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await retryPendingMail();
    expect((await row()).attempts).toBe(2);
    (globalThis as { __portalMailTransport?: unknown }).__portalMailTransport = undefined;
  });
});
