"use client";
import { Button } from "@/components/ui/button";

// Shown for unexpected errors in a page. It never shows the error's message or stack: the
// server logged those; `digest` lets support find the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-medium text-fg-muted">Something went wrong</p>
      <h1 className="text-2xl font-semibold tracking-tight">We could not show this page</h1>
      <p className="text-fg-muted">
        This is on our side, not yours: perhaps a short outage. Try again in a moment; if it keeps happening, contact platform support
        {error.digest ? (
          <>
            {" "}
            and mention reference <code className="rounded bg-surface-muted px-1">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
