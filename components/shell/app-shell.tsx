import Link from "next/link";
import { cookies } from "next/headers";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { isAdmin, type SessionUser } from "@/lib/auth/guards";
import { signOutFormAction } from "@/lib/auth/account-actions";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";

/** Header, navigation and main landmark for every signed-in page. */
export async function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const theme = (await cookies()).get("theme")?.value;
  const org = user.membership?.organization;
  const links = [
    ...(org
      ? [
          { href: "/registrations", label: "My registrations" },
          { href: `/orgs/${org.id}/members`, label: "Team" },
        ]
      : []),
    ...(isAdmin(user) ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-surface focus:px-4 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="rounded-md">
            <Logo />
          </Link>
          <nav aria-label="Main" className="order-3 -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            {links.map((l) => (
              <NavLink key={l.href} href={l.href}>
                {l.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            {org ? (
              <span className="hidden max-w-48 truncate text-sm text-fg-muted md:inline" title={org.name}>
                {org.name}
              </span>
            ) : (
              <span className="hidden text-sm text-fg-muted md:inline">Platform staff</span>
            )}
            <details className="relative">
              <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-surface-muted">
                <span aria-hidden="true" className="grid size-7 place-items-center rounded-full bg-primary text-xs font-semibold text-primary-fg">
                  {initials(user.name)}
                </span>
                <span className="sr-only">Account menu for </span>
                <span className="max-w-32 truncate">{user.name}</span>
              </summary>
              <div className="absolute right-0 z-40 mt-2 w-64 rounded-lg border border-border bg-surface p-3 shadow-lg">
                <p className="truncate text-sm font-medium">{user.name}</p>
                <p className="truncate text-xs text-fg-muted">{user.email}</p>
                {org ? (
                  <p className="mt-1 truncate text-xs text-fg-muted">
                    {org.name} · {user.membership?.role === "OWNER" ? "Owner" : "Member"}
                  </p>
                ) : null}
                {/* A plain link: a full navigation also closes this menu, which has no script. */}
                <a href="/account" className="mt-3 block rounded-md px-2 py-1.5 text-sm hover:bg-surface-muted">
                  Your account
                </a>
                <div className="mt-3 border-t border-border pt-3">
                  <ThemeToggle initial={theme === "light" || theme === "dark" ? theme : "system"} />
                </div>
                <form action={signOutFormAction} className="mt-3 border-t border-border pt-3">
                  <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-surface-muted">
                    Sign out
                  </button>
                </form>
              </div>
            </details>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
}
