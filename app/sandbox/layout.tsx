import { usesDemoSandboxUsers } from "@/lib/oauth/sandbox-users";

/** The staging authorization server's own pages: a different product from the portal. */
export default function SandboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-border bg-surface px-4 py-3 text-sm sm:px-8">
        <span className="font-semibold">{usesDemoSandboxUsers() ? "Demo Company" : "Sandbox"}</span>{" "}
        <span className="text-fg-muted">· staging authorization server (sandbox)</span>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-10">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
