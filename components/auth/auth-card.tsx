import { Card, CardBody } from "@/components/ui/card";

/** The frame of every sign-in page: a title, a line of context and the form. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <Card>
      <CardBody>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-fg-muted">{description}</p> : null}
        <div className="mt-6">{children}</div>
      </CardBody>
      {footer ? <div className="border-t border-border px-6 py-4 text-sm text-fg-muted">{footer}</div> : null}
    </Card>
  );
}
