import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading onboarding metrics…
      </p>
      <Skeleton className="h-9 w-full" />
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-4 w-full max-w-xl" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-64 w-full" />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    </div>
  );
}
