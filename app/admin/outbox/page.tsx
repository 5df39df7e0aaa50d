import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/review/admin-nav";
import { requireAdmin } from "@/lib/auth/guards";
import { listOutbox } from "@/lib/db/mail";
import { env } from "@/lib/env";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Development outbox" };

// Links in messages become clickable so people (and the e2e tests) can follow them.
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all text-primary underline underline-offset-2">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default async function OutboxPage() {
  await requireAdmin();
  if (env().isProduction) notFound();
  const messages = await listOutbox();
  return (
    <div className="space-y-6">
      <AdminNav current="outbox" />
      <PageHeader title="Development outbox" description="Every e-mail the portal sent, newest first. This page exists only without APP_ENV=production." />
      {messages.length === 0 ? (
        <EmptyState title="No e-mail sent yet" description="Sign-up confirmations, invitations, password resets and notifications appear here." />
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <Card>
                <CardBody>
                  <article aria-label={`${m.subject} to ${m.to}`}>
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h2 className="text-base font-semibold">{m.subject}</h2>
                      <Badge tone={m.status === "SENT" ? "success" : m.status === "FAILED" ? "danger" : "warning"}>{m.status.toLowerCase()}</Badge>
                    </div>
                    <p className="mt-1 text-sm text-fg-muted">
                      To <span className="font-medium text-fg">{m.to}</span> · {utcDateTime(m.createdAt, { seconds: true })}
                    </p>
                    <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm">
                      <Linkified text={m.text} />
                    </pre>
                  </article>
                </CardBody>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
