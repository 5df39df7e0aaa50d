import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";

afterEach(() => {
  vi.restoreAllMocks();
});

function lastLine(spy: { mock: { calls: unknown[][] } }): Record<string, unknown> {
  expect(spy.mock.calls).toHaveLength(1);
  const [line] = spy.mock.calls[0]!;
  expect(typeof line).toBe("string");
  expect(line as string).not.toContain("\n");
  return JSON.parse(line as string) as Record<string, unknown>;
}

describe("log", () => {
  it("writes one JSON line with level, event, time and the fields", () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    log.info("user.signed_in", { userId: "u1", attempts: 2 });
    const line = lastLine(spy);
    expect(line).toMatchObject({ level: "info", event: "user.signed_in", userId: "u1", attempts: 2 });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it("redacts fields whose names look like secrets", () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const secrets = {
      password: "secret-value-01",
      newPassword: "secret-value-02",
      passwordHash: "secret-value-03",
      pass: "secret-value-04",
      clientSecret: "secret-value-05",
      AUTH_SECRET: "secret-value-06",
      token: "secret-value-07",
      refresh_token: "secret-value-08",
      authorization: "secret-value-09",
      Cookie: "secret-value-10",
      code_verifier: "secret-value-11",
    };
    log.info("event", { ...secrets, email: "ada@example.com" });
    const line = lastLine(spy);
    for (const key of Object.keys(secrets)) expect(line[key], key).toBe("[redacted]");
    expect(line.email).toBe("ada@example.com");
    const raw = spy.mock.calls[0]![0] as string;
    expect(raw).not.toContain("secret-value");
  });

  it("writes warnings to console.warn and errors to console.error", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const info = vi.spyOn(console, "log").mockImplementation(() => undefined);
    log.warn("w", { secret: "x" });
    log.error("e", { token: "y" });
    expect(lastLine(warn)).toMatchObject({ level: "warn", event: "w", secret: "[redacted]" });
    expect(lastLine(error)).toMatchObject({ level: "error", event: "e", token: "[redacted]" });
    expect(info).not.toHaveBeenCalled();
  });
});
