import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { GRACE_PERIODS } from "@/lib/domain/credentials";
import { rotatorFor } from "@/lib/oauth/rotation";
import type { ClientCredentials } from "@/lib/db/credentials";
import { RetirePreviousSecret, RevealSecret, RevokeClient, RotateSecret } from "./credential-controls";
import { LastUsed, type Usage } from "./secret-usage";
import { utcDateTime } from "@/lib/text/utc-time";

type Secret = Usage & {
  id: string;
  last4: string;
  createdAt: Date;
  revealedAt: Date | null;
  revealedByName: string | null;
  expiresAt: Date | null;
  working: boolean;
};

const NOT_RECORDED = "When a secret was last used is not available at this authorization server: only the portal's embedded server records it.";

/** Client ID, the secret (revealed once, then only its last four characters), rotation and revocation. */
export function CredentialsPanel({ creds, secrets, isOwner }: { creds: ClientCredentials; secrets: Secret[]; isOwner: boolean }) {
  const current = secrets.find((s) => !s.expiresAt);
  const previous = secrets.filter((s) => s.expiresAt && s.working);
  const confidential = creds.tokenEndpointAuthMethod === "client_secret_basic";
  // The embedded server is the one the portal rotates at, and the one that records secrets' uses.
  const canRotate = creds.mode === "DYNAMIC" && Boolean(rotatorFor(creds.issuer));
  // A secret made by a rotation (any older one exists) is revealed by owners only.
  const rotated = Boolean(current && secrets.some((s) => s.createdAt < current.createdAt));
  return (
    <Card>
      <CardHeader
        title="Credentials"
        description={creds.revoked ? "This client was revoked: it no longer exists at the authorization server." : `Issued by ${creds.issuer}`}
      />
      <CardBody className="space-y-5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-fg-muted">Client ID</span>
          <code className="break-all rounded bg-surface-muted px-2 py-1 font-mono text-sm">{creds.clientId}</code>
          <CopyButton value={creds.clientId} label="client ID" />
        </div>
        {creds.revoked ? null : !confidential ? (
          <p className="text-sm text-fg-muted">Public client: no secret is issued. Your app proves itself with PKCE (S256) on every authorization.</p>
        ) : creds.mode === "MANUAL" ? (
          <p className="text-sm text-fg-muted">
            This client ID was issued by platform staff, who hold its secret. They also rotate and revoke it: contact them. Test connection asks for the secret
            for one run and never stores it. {NOT_RECORDED}
          </p>
        ) : (
          <div className="space-y-3">
            <h3 className="text-sm font-semibold">Client secret</h3>
            {current && !current.revealedAt && rotated && !isOwner ? (
              <p className="text-sm text-fg-muted">A new secret from a rotation is waiting. Only an owner of your organization can reveal it.</p>
            ) : current && !current.revealedAt ? (
              <RevealSecret registrationId={creds.registrationId} />
            ) : current ? (
              <p className="text-sm">
                <span className="font-mono">••••••••{current.last4}</span> · created {utcDateTime(current.createdAt)} · revealed by{" "}
                {current.revealedByName ?? "a member"} on {utcDateTime(current.revealedAt!)}
              </p>
            ) : null}
            {current && canRotate ? (
              <p className="text-sm">
                Current secret: <LastUsed usage={current} />.
              </p>
            ) : null}
            {previous.map((p) => (
              <div key={p.id} className="space-y-2 rounded-md border border-border p-3">
                <p className="text-sm">
                  Previous secret <span className="font-mono">••••{p.last4}</span>: valid until {utcDateTime(p.expiresAt!)}
                  {canRotate ? (
                    <>
                      , <LastUsed usage={p} />
                    </>
                  ) : null}
                  .
                </p>
                {canRotate && isOwner ? <RetirePreviousSecret registrationId={creds.registrationId} secretId={p.id} last4={p.last4} /> : null}
              </div>
            ))}
            {!canRotate ? (
              <p className="text-sm text-fg-muted">Platform staff rotate secrets at this authorization server. {NOT_RECORDED}</p>
            ) : isOwner ? (
              <RotateSecret registrationId={creds.registrationId} graces={[...GRACE_PERIODS]} />
            ) : (
              <p className="text-sm text-fg-muted">Owners of your organization can rotate the secret.</p>
            )}
          </div>
        )}
        {isOwner && !creds.revoked && creds.mode === "DYNAMIC" ? (
          <div className="border-t border-border pt-4">
            <RevokeClient registrationId={creds.registrationId} as="owner" />
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
