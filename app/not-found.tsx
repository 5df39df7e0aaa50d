import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Logo } from "@/components/shell/logo";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col items-start justify-center gap-4 px-6">
      <Logo />
      <p className="text-sm font-medium text-fg-muted">Error 404</p>
      <h1 className="text-2xl font-semibold tracking-tight">This page does not exist, or you do not have access to it</h1>
      <p className="text-fg-muted">Check the address, or go back to your dashboard.</p>
      <Link href="/" className={buttonClasses({ variant: "primary", size: "md" })}>
        Go to the dashboard
      </Link>
    </main>
  );
}
