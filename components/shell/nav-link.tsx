"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { PendingLabel } from "@/components/ui/pending-label";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname() ?? "";
  const active = pathname === href || pathname.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={
        "whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium " +
        (active ? "bg-surface-muted text-fg" : "text-fg-muted hover:bg-surface-muted hover:text-fg")
      }
    >
      <PendingLabel>{children}</PendingLabel>
    </Link>
  );
}
