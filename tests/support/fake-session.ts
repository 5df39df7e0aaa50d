// Stands in for the signed-in person, so integration tests can call route handlers, server
// actions and pages with the real data layer underneath. Use from a test file:
//   vi.mock("@/lib/auth/auth", () => ({ cookieSessionId: vi.fn() }));
//   vi.mock("@/lib/auth/guards", async (real) => (await import("../support/fake-session")).fakeGuards(await real()));
//   vi.mock("next/navigation", async (real) => (await import("../support/fake-session")).fakeNavigation(await real()));
//   vi.mock("next/headers", async () => (await import("../support/fake-session")).fakeHeaders());
import type * as Guards from "@/lib/auth/guards";
import type { SessionUser } from "@/lib/auth/guards";
import type { Person } from "@/lib/db/actors";

let current: SessionUser | null = null;

export function signInAs(user: SessionUser | null) {
  current = user;
}

const base = { isStaff: false, emailVerified: new Date("2026-01-01T00:00:00Z"), sessionId: "00000000-0000-4000-8000-000000000000", membership: null };

export const memberOf = (org: { id: string; name: string; member: Person }): SessionUser => ({
  ...base,
  ...org.member,
  membership: { role: "OWNER", organization: { id: org.id, name: org.name } },
});

export const adminUser = (person: Person): SessionUser => ({ ...base, ...person, isStaff: true });

// next/navigation is loaded when a guard runs, not with this file: it is mocked through this file.
const navigation = () => import("next/navigation");

/** The guards with the session replaced by `signInAs`; isAdmin and isMember stay real. */
export function fakeGuards(real: typeof Guards): typeof Guards {
  const requireUser = async () => current ?? (await navigation()).redirect("/sign-in");
  return {
    ...real,
    getCurrentUser: async () => current,
    requireUser,
    requireOrgMember: async (organizationId?: string) => {
      const user = await requireUser();
      if (!real.isMember(user) || (organizationId !== undefined && organizationId !== user.membership.organization.id)) (await navigation()).notFound();
      return user;
    },
    requireAdmin: async () => {
      const user = await requireUser();
      if (!real.isAdmin(user)) (await navigation()).notFound();
      return user;
    },
  } as typeof Guards;
}

/** Client components call useRouter while rendering; outside Next.js there is no router to give. */
export function fakeNavigation<T extends object>(real: T): T {
  const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} };
  return { ...real, useRouter: () => router, usePathname: () => "/", useSearchParams: () => new URLSearchParams() };
}

export function fakeHeaders() {
  return {
    headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
    cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set() {}, delete() {} }),
  };
}
