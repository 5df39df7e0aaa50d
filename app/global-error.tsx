"use client";

// Last resort when the root layout itself fails; it renders its own <html>. No details of the
// error are shown.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem 1.5rem", maxWidth: 560, margin: "0 auto" }}>
        <h1>We could not show this page</h1>
        <p>This is on our side. Please try again{error.digest ? ` (reference ${error.digest})` : ""}.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
