import { Skeleton } from "@/components/ui/skeleton";

// The page asks the authorization server for its endpoints (discovery), which can take a moment:
// the one page that waits on another server, so the one that keeps a loading state.
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the authorization URLs…
      </p>
      <Skeleton className="h-8 w-80 max-w-full" />
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-32 w-full" />
    </div>
  );
}
