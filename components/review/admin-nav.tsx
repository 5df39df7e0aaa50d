import Link from "next/link";
import { PendingLabel } from "@/components/ui/pending-label";
import { env } from "@/lib/env";

/** Sub-navigation of the admin area. */
export function AdminNav({ current }: { current: "queue" | "audit" | "outbox" | "organizations" | "metrics" | "policy" }) {
  const items = [
    { id: "queue", href: "/admin", label: "Review queue" },
    { id: "audit", href: "/admin/audit", label: "Audit log" },
    { id: "organizations", href: "/admin/organizations", label: "Organizations" },
    { id: "metrics", href: "/admin/metrics", label: "Metrics" },
    { id: "policy", href: "/admin/policy", label: "Instant staging" },
    ...(env().isProduction ? [] : [{ id: "outbox", href: "/admin/outbox", label: "Outbox (development)" }]),
  ];
  return (
    <nav aria-label="Admin" className="-mx-1 flex gap-1 overflow-x-auto border-b border-border pb-2">
      {items.map((i) => (
        <Link
          key={i.id}
          href={i.href}
          aria-current={i.id === current ? "page" : undefined}
          className={
            "whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium " +
            (i.id === current ? "bg-surface-muted text-fg" : "text-fg-muted hover:bg-surface-muted hover:text-fg")
          }
        >
          <PendingLabel>{i.label}</PendingLabel>
        </Link>
      ))}
    </nav>
  );
}
