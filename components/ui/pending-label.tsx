"use client";
import { useLinkStatus } from "next/link";

/**
 * A link's label that pulses while the navigation it started waits for the server. Pages that
 * read only our database load in a few milliseconds, so they have no loading.tsx: its skeleton
 * would hold the content back (React reveals streamed content at least 300 ms after the
 * skeleton's first paint, on a full load and on a client navigation alike). This is the feedback
 * on a slow network instead, on the link that was clicked, without moving anything. Only
 * inside a <Link>.
 */
export function PendingLabel({ children }: { children: React.ReactNode }) {
  const { pending } = useLinkStatus();
  return <span className={pending ? "animate-pulse" : undefined}>{children}</span>;
}
