import "server-only";
import { listTestRuns } from "@/lib/db/test-runs";
import { getClientCredentials } from "@/lib/db/credentials";
import type { RunStatus } from "./types";
import { testConnectionCallbackUri } from "@/lib/domain/test-runs";

// Data for the Test connection panel on a registration's status page. Null when the
// registration has no provisioned client (not approved yet): the panel is not shown then.

export type TestConnectionPanelProps = {
  registrationId: string;
  callbackRegistered: boolean;
  needsSecret: boolean;
  /** The client was revoked: no test can run. */
  revoked?: boolean;
  /** The registration's redirect URIs, for the comparison when the callback is missing. */
  registeredRedirectUris?: string[];
  latestRun?: { id: string; status: RunStatus; createdAt: Date; startedBy: string };
};

export async function loadTestConnectionPanel(organizationId: string, registrationId: string): Promise<TestConnectionPanelProps | null> {
  const credentials = await getClientCredentials(organizationId, registrationId);
  if (!credentials) return null;
  const [latest] = await listTestRuns(organizationId, registrationId, 1);
  return {
    registrationId,
    callbackRegistered: credentials.redirectUris.includes(testConnectionCallbackUri()),
    needsSecret: credentials.mode === "MANUAL" && credentials.tokenEndpointAuthMethod === "client_secret_basic",
    revoked: credentials.revoked,
    registeredRedirectUris: credentials.redirectUris,
    latestRun: latest ? { id: latest.id, status: latest.status, createdAt: latest.createdAt, startedBy: latest.startedBy } : undefined,
  };
}
