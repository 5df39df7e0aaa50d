import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/guards";

class RedirectSignal extends Error {
  constructor(readonly url: string) {
    super(`redirect:${url}`);
  }
}
class NotFoundSignal extends Error {
  constructor() {
    super("notFound");
  }
}

vi.mock("@/lib/auth/auth", () => ({ cookieSessionId: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({ activeSessionUser: vi.fn() }));
vi.mock("next/headers", () => ({ headers: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: vi.fn((url: string) => {
    throw new RedirectSignal(url);
  }),
  notFound: vi.fn(() => {
    throw new NotFoundSignal();
  }),
}));

const { cookieSessionId } = await import("@/lib/auth/auth");
const { activeSessionUser } = await import("@/lib/auth/session");
const { headers } = await import("next/headers");
const guards = await import("@/lib/auth/guards");

const authMock = vi.mocked(cookieSessionId);
const findUser = vi.mocked(activeSessionUser);

const ORG = { id: "7f0c2c1e-8d1a-4c55-9a53-2b1c5d7e9f01", name: "Example Client Ltd" };
const OTHER_ORG_ID = "5a1e0d6b-0c2d-4e5f-8a9b-0c1d2e3f4a5b";
const UID = "0b6d8c0e-3a8f-4b6e-9d0a-1c2e3f405162";
const SID = "1c7e9d1f-4b90-4c7f-8e1b-2d3f40516273";

function user(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: UID,
    email: "pat@example.com",
    name: "Pat",
    isStaff: false,
    emailVerified: new Date("2026-01-01T00:00:00Z"),
    sessionId: SID,
    membership: { role: "OWNER", organization: ORG },
    ...overrides,
  };
}
const member = () => user({ membership: { role: "MEMBER", organization: ORG } });
const staff = (overrides: Partial<SessionUser> = {}) => user({ isStaff: true, membership: null, ...overrides });

function signedInAs(u: SessionUser | null) {
  authMock.mockResolvedValue(SID);
  findUser.mockResolvedValue(u as Awaited<ReturnType<typeof activeSessionUser>>);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the guard to stop the request");
}

beforeEach(() => {
  authMock.mockReset();
  findUser.mockReset();
  vi.mocked(headers).mockResolvedValue(new Headers({ "x-portal-path": "/orgs/abc/registrations?tab=pending&q=a b" }) as never);
});

const SIGN_IN = `/sign-in?callbackUrl=${encodeURIComponent("/orgs/abc/registrations?tab=pending&q=a b")}`;

describe("getCurrentUser / requireUser", () => {
  it("returns the user of the open session the cookie names", async () => {
    const u = user();
    signedInAs(u);
    expect(await guards.getCurrentUser()).toEqual(u);
    expect(await guards.requireUser()).toEqual(u);
    expect(findUser).toHaveBeenCalledWith(SID);
  });

  it("redirects to sign-in with the encoded current path when there is no session", async () => {
    authMock.mockResolvedValue(null);
    expect(await guards.getCurrentUser()).toBeNull();
    const error = await rejection(guards.requireUser());
    expect(error).toBeInstanceOf(RedirectSignal);
    expect((error as RedirectSignal).url).toBe(SIGN_IN);
    expect(findUser).not.toHaveBeenCalled();
  });

  it("falls back to / when the request carries no x-portal-path", async () => {
    authMock.mockResolvedValue(null);
    vi.mocked(headers).mockResolvedValue(new Headers() as never);
    expect(((await rejection(guards.requireUser())) as RedirectSignal).url).toBe("/sign-in?callbackUrl=%2F");
  });

  it("treats a session that has ended (signed out, idle, expired, revoked) as signed out", async () => {
    signedInAs(null);
    expect(await guards.getCurrentUser()).toBeNull();
    expect(((await rejection(guards.requireUser())) as RedirectSignal).url).toBe(SIGN_IN);
  });

  it("treats a cookie without a session id (issued before sessions were rows) as signed out", async () => {
    authMock.mockResolvedValue(null);
    findUser.mockResolvedValue(user());
    expect(await guards.getCurrentUser()).toBeNull();
    expect(findUser).not.toHaveBeenCalled();
  });
});

describe("requireOrgMember / requireOrgOwner", () => {
  it("returns a member of the requested organization", async () => {
    signedInAs(member());
    expect((await guards.requireOrgMember(ORG.id)).membership.role).toBe("MEMBER");
    expect((await guards.requireOrgMember()).membership.organization.id).toBe(ORG.id);
  });

  it("answers 404 for another organization's id", async () => {
    signedInAs(user());
    expect(await rejection(guards.requireOrgMember(OTHER_ORG_ID))).toBeInstanceOf(NotFoundSignal);
    expect(await rejection(guards.requireOrgOwner(OTHER_ORG_ID))).toBeInstanceOf(NotFoundSignal);
  });

  it("sends verified staff to /admin", async () => {
    signedInAs(staff());
    expect(((await rejection(guards.requireOrgMember())) as RedirectSignal).url).toBe("/admin");
  });

  it("sends a user without organization to /no-organization", async () => {
    signedInAs(user({ membership: null }));
    expect(((await rejection(guards.requireOrgMember(ORG.id))) as RedirectSignal).url).toBe("/no-organization");
  });

  it("answers 404 to a MEMBER on owner-only pages and admits the OWNER", async () => {
    signedInAs(member());
    expect(await rejection(guards.requireOrgOwner(ORG.id))).toBeInstanceOf(NotFoundSignal);
    signedInAs(user());
    expect((await guards.requireOrgOwner(ORG.id)).membership.role).toBe("OWNER");
  });

  it("redirects a signed-out visitor to sign-in", async () => {
    authMock.mockResolvedValue(null);
    expect(((await rejection(guards.requireOrgOwner(ORG.id))) as RedirectSignal).url).toBe(SIGN_IN);
  });
});

describe("requireAdmin", () => {
  it("answers 404 to a partner", async () => {
    signedInAs(user());
    expect(await rejection(guards.requireAdmin())).toBeInstanceOf(NotFoundSignal);
  });

  it("never admits unverified staff (sessions of unverified users are refused; here, the 404 too)", async () => {
    signedInAs(staff({ emailVerified: null }));
    expect(await rejection(guards.requireAdmin())).toBeInstanceOf(NotFoundSignal);
    // And the rule itself: staff rights need a verified address.
    expect(guards.isAdmin({ isStaff: true, emailVerified: null })).toBe(false);
  });

  it("returns verified staff", async () => {
    const s = staff();
    signedInAs(s);
    expect(await guards.requireAdmin()).toEqual(s);
    expect(guards.isAdmin(s)).toBe(true);
    expect(guards.isAdmin(null)).toBe(false);
  });
});
