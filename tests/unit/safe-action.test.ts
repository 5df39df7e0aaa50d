import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/guards";

// The real guards module, with the session lookup replaced: isAdmin / isMember stay real.
vi.mock("@/lib/auth/guards", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/guards")>()),
  getCurrentUser: vi.fn(),
}));
vi.mock("@/lib/auth/auth", () => ({ cookieSessionId: vi.fn() }));
vi.mock("@/lib/db/users", () => ({ findSessionUser: vi.fn() }));
vi.mock("@/lib/log", () => ({ log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));

const { getCurrentUser } = await import("@/lib/auth/guards");
const { log } = await import("@/lib/log");
const { GENERIC_ERROR, action } = await import("@/lib/actions/safe-action");
const { DomainError } = await import("@/lib/errors");

const ORG = { id: "7f0c2c1e-8d1a-4c55-9a53-2b1c5d7e9f01", name: "Example Client Ltd" };
function user(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: "0b6d8c0e-3a8f-4b6e-9d0a-1c2e3f405162",
    email: "pat@example.com",
    name: "Pat",
    isStaff: false,
    emailVerified: new Date("2026-01-01T00:00:00Z"),
    sessionId: "1c7e9d1f-4b90-4c7f-8e1b-2d3f40516273",
    membership: null,
    ...overrides,
  };
}
const owner = () => user({ membership: { role: "OWNER", organization: ORG } });
const member = () => user({ membership: { role: "MEMBER", organization: ORG } });
const staff = () => user({ isStaff: true, email: "ada@example.com" });

const signedInAs = (u: SessionUser | null) => vi.mocked(getCurrentUser).mockResolvedValue(u);
const empty = z.object({});

beforeEach(() => {
  vi.mocked(getCurrentUser).mockReset();
  vi.mocked(log.error).mockClear();
});

describe("authorization", () => {
  it("answers unauthenticated for a signed-out visitor on a 'user' action, without running it", async () => {
    signedInAs(null);
    const handler = vi.fn(async () => undefined);
    const result = await action("user", empty, handler)(null, {});
    expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs public actions for anyone and passes the user (or null) along", async () => {
    signedInAs(null);
    const handler = vi.fn(async (_input: object, ctx: { user: SessionUser | null }) => ({
      ok: true as const,
      message: ctx.user ? "signed in" : "anonymous",
    }));
    expect(await action("public", empty, handler)(null, {})).toEqual({ ok: true, message: "anonymous" });
    signedInAs(owner());
    expect(await action("public", empty, handler)(null, {})).toEqual({ ok: true, message: "signed in" });
  });

  it.each([
    ["member", staff, "staff"],
    ["owner", member, "a member"],
    ["owner", staff, "staff"],
    ["admin", owner, "a partner owner"],
    ["admin", () => user({ isStaff: true, emailVerified: null }), "unverified staff"],
  ] as const)("refuses a %s-only action for %s", async (access, who, _label) => {
    signedInAs(who());
    const handler = vi.fn(async () => undefined);
    const result = await action(access, empty, handler)(null, {});
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["user", member],
    ["member", member],
    ["member", owner],
    ["owner", owner],
    ["admin", staff],
  ] as const)("allows a %s action for the right user", async (access, who) => {
    const u = who();
    signedInAs(u);
    const handler = vi.fn(async () => undefined);
    expect(await action(access, empty, handler)(null, {})).toEqual({ ok: true });
    expect(handler).toHaveBeenCalledWith({}, { user: u });
  });
});

describe("validation", () => {
  const schema = z.object({
    email: z.string().email("Bad e-mail."),
    profile: z.object({ name: z.string().min(1, "Enter a name.") }),
  });

  it("returns field errors keyed by field path and does not run the handler", async () => {
    signedInAs(member());
    const handler = vi.fn(async () => undefined);
    const result = await action("user", schema, handler)(null, { email: "nope", profile: { name: "" } });
    expect(result).toEqual({
      ok: false,
      error: "Some fields need your attention.",
      fieldErrors: { email: ["Bad e-mail."], "profile.name": ["Enter a name."] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("reads FormData, skipping Next's $ACTION fields, and hands the parsed output to the handler", async () => {
    signedInAs(null);
    const handler = vi.fn(async (input: { email: string }) => ({ ok: true as const, data: input.email }));
    const form = new FormData();
    form.set("email", " Ada@Example.com ");
    form.set("$ACTION_ID_abc", "");
    const strict = z.strictObject({ email: z.string().trim().toLowerCase() });
    expect(await action("public", strict, handler)(null, form)).toEqual({ ok: true, data: "ada@example.com" });
  });
});

describe("errors", () => {
  it("passes a DomainError's message, field errors and code through", async () => {
    signedInAs(member());
    const result = await action("user", empty, async () => {
      throw new DomainError("invalid", "That name is taken.", { fieldErrors: { name: ["Pick another."] }, code: "taken" });
    })(null, {});
    expect(result).toEqual({ ok: false, error: "That name is taken.", fieldErrors: { name: ["Pick another."] }, code: "taken" });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("answers an unexpected error with the generic text, never its own message, and logs it", async () => {
    signedInAs(member());
    const result = await action("user", empty, async () => {
      throw new Error("connection to 10.0.0.5:5432 refused (password=hunter2)");
    })(null, {});
    expect(result).toEqual({ ok: false, error: GENERIC_ERROR });
    expect(JSON.stringify(result)).not.toContain("10.0.0.5");
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(vi.mocked(log.error).mock.calls[0]![0]).toBe("action.failed");
    expect(JSON.stringify(vi.mocked(log.error).mock.calls[0]![1])).toContain("connection to 10.0.0.5:5432 refused");
  });

  it("treats a failing session lookup as an unexpected error", async () => {
    vi.mocked(getCurrentUser).mockRejectedValue(new Error("db down"));
    expect(await action("public", empty, async () => undefined)(null, {})).toEqual({ ok: false, error: GENERIC_ERROR });
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it("rethrows redirect() so that Next.js can perform it", async () => {
    signedInAs(member());
    const run = action("user", empty, async () => {
      redirect("/registrations?created=1");
    });
    await expect(run(null, {})).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    await expect(run(null, {})).rejects.toMatchObject({ digest: expect.stringContaining("/registrations?created=1") });
    expect(log.error).not.toHaveBeenCalled();
  });
});
