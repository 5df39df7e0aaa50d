import "server-only";
import { env } from "@/lib/env";

// A small self-contained HTML page for callbacks that cannot be tied to a run (forged or
// foreign state, missing parameters): the browser arrived by a top-level navigation, so a
// readable page beats a JSON error. No scripts, no external resources, no referrer.

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function resultPage(input: { status: number; title: string; problem: string; fix: string; detail?: string }): Response {
  const brand = escape(env().brandName);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(input.title)} · ${brand} partner portal</title>
</head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.5;color:#1f2937;max-width:40rem;margin:4rem auto;padding:0 1.25rem">
<main>
<p style="font-size:.875rem;color:#6b7280;margin:0">Test connection</p>
<h1 style="font-size:1.5rem;margin:.25rem 0 1rem">${escape(input.title)}</h1>
<h2 style="font-size:1rem;margin:1rem 0 .25rem">What happened</h2>
<p style="margin:0">${escape(input.problem)}</p>
${input.detail ? `<p style="margin:.5rem 0 0;font-size:.875rem;color:#4b5563">${escape(input.detail)}</p>` : ""}
<h2 style="font-size:1rem;margin:1rem 0 .25rem">What to do</h2>
<p style="margin:0">${escape(input.fix)}</p>
<p style="margin-top:1.5rem"><a href="/registrations" style="color:#1d4ed8">Go to your registrations</a></p>
</main>
</body>
</html>`;
  return new Response(html, {
    status: input.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
