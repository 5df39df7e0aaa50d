import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Decorative placeholder; pair with an sr-only "Loading…" (or aria-busy) on the container. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("h-4 animate-pulse rounded-md bg-border", className)} {...props} />;
}
