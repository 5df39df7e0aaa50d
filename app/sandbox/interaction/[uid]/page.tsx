import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { ConsentPreview } from "@/components/registration/consent-preview";
import { isLogoOfClient } from "@/lib/db/logos";
import { env } from "@/lib/env";
import { getProvider } from "@/lib/oauth/provider";
import { SANDBOX_PASSWORD, embeddedServerEnabled, sandboxAccounts, usesDemoSandboxUsers } from "@/lib/oauth/sandbox-users";

// With the server off the page is a 404, and its title must not say otherwise.
export function generateMetadata() {
  return { title: embeddedServerEnabled() ? "Sign in to the sandbox" : "Page not found" };
}

const input = "w-full rounded-md border border-border-strong bg-surface px-3 py-2 text-sm";
const button = "inline-flex w-full items-center justify-center rounded-md px-4 py-2 text-sm font-medium";

export default async function InteractionPage({ params, searchParams }: { params: Promise<{ uid: string }>; searchParams: Promise<{ error?: string }> }) {
  if (!embeddedServerEnabled()) notFound();
  const { uid } = await params;
  const { error } = await searchParams;
  // Only the demo users' e-mail and password may be shown; configured users' never are.
  const demo = usesDemoSandboxUsers();
  const provider = await getProvider();
  const interaction = /^[\w-]{10,100}$/.test(uid) ? await provider.Interaction.find(uid) : undefined;
  // The interaction cookie ties this page to the browser that started the request.
  const cookie = (await cookies()).get("_interaction")?.value;
  if (!interaction || cookie !== uid) {
    return (
      <Card>
        <CardBody>
          <h1 className="text-xl font-semibold">This sign-in request has expired</h1>
          <p className="mt-2 text-sm text-fg-muted">Go back to the application and start again.</p>
        </CardBody>
      </Card>
    );
  }
  const client = await provider.Client.find(String(interaction.params.client_id));
  const meta = (client?.metadata() ?? {}) as Record<string, unknown>;
  const clientName = String(meta.client_name ?? "An application");

  if (interaction.prompt.name === "login") {
    return (
      <Card>
        <CardBody className="space-y-4">
          <h1 className="text-xl font-semibold">Sign in to {demo ? "Demo Company" : "the sandbox"}</h1>
          <p className="text-sm text-fg-muted">
            {clientName} asks you to sign in to the sandbox of the {env().brandName} platform.
          </p>
          {error ? <Alert tone="danger">That e-mail and password do not match a sandbox user.</Alert> : null}
          <form method="post" action={`/sandbox/interaction/${uid}/login`} className="space-y-3">
            <div className="space-y-1">
              <label htmlFor="email" className="text-sm font-medium">
                E-mail
              </label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                required
                defaultValue={demo ? sandboxAccounts()[0]?.email : undefined}
                className={input}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="password" className="text-sm font-medium">
                Password
              </label>
              <input id="password" name="password" type="password" autoComplete="current-password" required className={input} />
            </div>
            <button type="submit" className={`${button} bg-primary text-primary-fg`}>
              Sign in
            </button>
          </form>
          {demo ? (
            <p className="text-xs text-fg-muted">
              Sandbox users:{" "}
              {sandboxAccounts()
                .map((a) => a.email)
                .join(", ")}
              ; password <code>{SANDBOX_PASSWORD}</code>.
            </p>
          ) : null}
        </CardBody>
      </Card>
    );
  }

  const requested = String(interaction.params.scope ?? "")
    .split(" ")
    .filter(Boolean);
  const apiScopes = requested.filter((s) => s.includes(":"));
  // The portal provisions logo_uri as APP_URL/api/logos/<id>. Only such a logo of the client's
  // own organization is shown; the links go through the registration rules in ConsentPreview.
  const logoPrefix = `${env().appUrl}/api/logos/`;
  const logoId = typeof meta.logo_uri === "string" && meta.logo_uri.startsWith(logoPrefix) ? meta.logo_uri.slice(logoPrefix.length) : null;
  const logoUploaded = Boolean(logoId && client && (await isLogoOfClient(client.clientId, logoId)));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Allow access?</h1>
      <ConsentPreview
        shown={{ clientName, logoId, tosUri: String(meta.tos_uri ?? ""), policyUri: String(meta.policy_uri ?? ""), scopes: apiScopes }}
        logoUploaded={logoUploaded}
        environment="staging"
        brand={env().brandName}
        preview={false}
      />
      <div className="mx-auto grid max-w-sm grid-cols-2 gap-2">
        <form method="post" action={`/sandbox/interaction/${uid}/abort`}>
          <button type="submit" className={`${button} border border-border-strong`}>
            Cancel
          </button>
        </form>
        <form method="post" action={`/sandbox/interaction/${uid}/confirm`}>
          <button type="submit" className={`${button} bg-primary text-primary-fg`}>
            Allow
          </button>
        </form>
      </div>
    </div>
  );
}
