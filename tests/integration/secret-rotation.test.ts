import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { currentClientSecret, listSecrets, storeProvisioning } from "@/lib/db/credentials";
import { recordSecretUse, setSecretUseClockForTests, sha256Hex } from "@/lib/db/secret-usage";
import { retirePreviousSecret, revokeRegistration, rotateSecret } from "@/lib/domain/credentials";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { startEmbeddedServer, type EmbeddedServer } from "../support/embedded-server";
import { completeAuthorization } from "../support/oauth-browserless";
import { oauthRequests, type RegisteredClient } from "../support/oauth-requests";
import { draftRegistration, organizationWithMember, type Org } from "./review-support";

// Rotation partners can finish (issue 11, part 4), against the real embedded server: a previous
// secret works through its grace period and stops the moment an owner retires it, and the
// server records when each secret last authenticated at its token endpoint (at most once a
// minute; the portal's own Test connection apart). Time for the throttle is the seam's clock.

withTestDatabase();

let server: EmbeddedServer;
let o: ReturnType<typeof oauthRequests>;
let org: Org;
let callbackUri: string;
let clock = Date.parse("2026-11-30T12:00:00Z");

beforeAll(async () => {
  server = await startEmbeddedServer();
  o = oauthRequests(server);
  org = await organizationWithMember();
  callbackUri = `${server.appUrl}/api/test-connection/callback`;
});
afterEach(() => setSecretUseClockForTests(undefined));
afterAll(async () => {
  await server?.close();
});

/** A live registration of `org` with a confidential client provisioned at the embedded server, as approval leaves it. */
async function liveRegistration(): Promise<{ registrationId: string; client: RegisteredClient }> {
  const data = valid({ redirectUris: [callbackUri], scopes: ["users:read"] });
  const registrationId = await draftRegistration(org, data);
  const client = await o.provision("confidential", { redirectUris: [callbackUri] });
  await (await db()).revision.updateMany({ where: { registrationId }, data: { status: "APPROVED" } });
  await (await db()).$transaction((tx) => storeProvisioning(tx, registrationId, { ...client, issuer: server.issuer, mode: "DYNAMIC" }));
  return { registrationId, client };
}

/** Authenticates at the token endpoint with this secret (the grant itself is bogus): true if the secret was accepted. */
async function authenticates(client: RegisteredClient, secret: string): Promise<boolean> {
  const response = await o.tokenRequest({ ...client, clientSecret: secret }, { grant_type: "refresh_token", refresh_token: "not-a-real-token" });
  if (response.status === 401) return false;
  expect(response.body.error).toBe("invalid_grant"); // authenticated; only the grant was refused
  return true;
}

const secrets = async (registrationId: string) => {
  const all = await listSecrets(org.id, registrationId);
  return { current: all.find((s) => !s.expiresAt)!, previous: all.find((s) => s.expiresAt && s.working), all };
};

const useClock = (start: number) => {
  clock = start;
  setSecretUseClockForTests(() => clock);
};

describe("a previous secret's grace period", () => {
  it("keeps the old secret working until an owner retires it; then it stops at once, audited", async () => {
    const { registrationId, client } = await liveRegistration();
    const old = client.clientSecret!;
    expect(await rotateSecret(org.id, registrationId, org.member, 3600)).toEqual({ status: "rotated" });
    const fresh = (await currentClientSecret(registrationId))!;
    expect(fresh).not.toBe(old);
    expect(await authenticates(client, old)).toBe(true);
    expect(await authenticates(client, fresh)).toBe(true);

    const { previous } = await secrets(registrationId);
    expect(previous?.last4).toBe(old.slice(-4));
    // Another organization cannot reach it, and an unknown secret is not in a grace period.
    const other = await organizationWithMember();
    expect(await retirePreviousSecret(other.id, registrationId, previous!.id, other.member)).toEqual({ status: "no_live_client" });
    expect(await retirePreviousSecret(org.id, registrationId, "00000000-0000-4000-8000-000000000000", org.member)).toEqual({ status: "not_in_grace" });
    expect(await authenticates(client, old)).toBe(true);

    expect(await retirePreviousSecret(org.id, registrationId, previous!.id, org.member)).toEqual({ status: "retired" });
    expect(await authenticates(client, old)).toBe(false);
    expect(await authenticates(client, fresh)).toBe(true);
    expect((await secrets(registrationId)).previous).toBeUndefined();
    expect(await retirePreviousSecret(org.id, registrationId, previous!.id, org.member)).toEqual({ status: "not_in_grace" });

    const audit = await (
      await db()
    ).auditEvent.findMany({ where: { registrationId, action: "credential.previous_secret_retired" }, select: { summary: true } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain(`ending in ${old.slice(-4)}`);
    expect(audit[0]!.summary).not.toContain(old);
  });

  it("retires only the chosen previous secret when two are in their grace periods", async () => {
    const { registrationId, client } = await liveRegistration();
    const first = client.clientSecret!;
    await rotateSecret(org.id, registrationId, org.member, 3600);
    const second = (await currentClientSecret(registrationId))!;
    await rotateSecret(org.id, registrationId, org.member, 3600);
    const third = (await currentClientSecret(registrationId))!;
    const firstRow = (await listSecrets(org.id, registrationId)).find((s) => s.last4 === first.slice(-4))!;
    expect(await retirePreviousSecret(org.id, registrationId, firstRow.id, org.member)).toEqual({ status: "retired" });
    expect([await authenticates(client, first), await authenticates(client, second), await authenticates(client, third)]).toEqual([false, true, true]);
  });
});

describe("when each secret was last used", () => {
  it("moves for the current and the previous secret, written at most once a minute per secret", async () => {
    const { registrationId, client } = await liveRegistration();
    const old = client.clientSecret!;
    useClock(Date.parse("2026-11-30T12:00:00Z"));
    expect((await secrets(registrationId)).current).toMatchObject({ lastUsedAt: null, lastTestedAt: null });

    expect(await authenticates(client, old)).toBe(true);
    expect((await secrets(registrationId)).current.lastUsedAt).toEqual(new Date(clock));
    const first = clock;

    clock += 30_000; // within the minute: not written again
    expect(await authenticates(client, old)).toBe(true);
    expect((await secrets(registrationId)).current.lastUsedAt).toEqual(new Date(first));

    clock += 31_000; // a minute and a second after the last write
    expect(await authenticates(client, old)).toBe(true);
    expect((await secrets(registrationId)).current.lastUsedAt).toEqual(new Date(clock));

    // After a rotation, the old secret is the previous one: its uses move its own line.
    await rotateSecret(org.id, registrationId, org.member, 3600);
    const fresh = (await currentClientSecret(registrationId))!;
    let view = await secrets(registrationId);
    expect(view.current).toMatchObject({ lastUsedAt: null });
    const beforeRotation = view.previous!.lastUsedAt;

    clock += 120_000;
    expect(await authenticates(client, old)).toBe(true);
    view = await secrets(registrationId);
    expect(view.previous!.lastUsedAt).toEqual(new Date(clock));
    expect(view.previous!.lastUsedAt).not.toEqual(beforeRotation);
    expect(view.current.lastUsedAt).toBeNull();

    clock += 1_000;
    expect(await authenticates(client, fresh)).toBe(true);
    view = await secrets(registrationId);
    expect(view.current.lastUsedAt).toEqual(new Date(clock));

    // The identity kept is the SHA-256, never the secret.
    const rows = await (await db()).clientSecretUse.findMany({ where: { clientId: client.clientId } });
    expect(rows.map((r) => r.secretSha256).sort()).toEqual([sha256Hex(old), sha256Hex(fresh)].sort());
    expect(JSON.stringify(rows)).not.toContain(old);
  });

  it("is written at most once a minute across instances too (the database's condition)", async () => {
    const { client } = await liveRegistration();
    const use = { clientId: client.clientId, secretSha256: sha256Hex(client.clientSecret!), test: false };
    useClock(Date.parse("2026-11-30T13:00:00Z"));
    expect(await recordSecretUse(use)).toBe(true);
    expect(await recordSecretUse(use)).toBe(false); // this process's throttle
    useClock(clock + 10_000); // another instance: its own empty throttle, the same database
    expect(await recordSecretUse(use)).toBe(false);
    expect(await recordSecretUse({ ...use, test: true })).toBe(true); // a Test connection use is its own kind
    useClock(clock + 60_000);
    expect(await recordSecretUse(use)).toBe(true);
  });

  it("does not count the revocation endpoint (not the token endpoint) or a wrong secret", async () => {
    const { registrationId, client } = await liveRegistration();
    const revoke = await fetch(`${server.issuer}/oauth/revoke`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      },
      body: "token=not-a-real-token",
    });
    expect(revoke.status).toBe(200);
    expect(await authenticates(client, "0".repeat(30))).toBe(false);
    expect((await secrets(registrationId)).current).toMatchObject({ lastUsedAt: null, lastTestedAt: null });
  });

  it("labels the portal's Test connection apart: it never counts as the apps' use", async () => {
    const { registrationId } = await liveRegistration();
    const started = await startRun({
      registrationId,
      userId: org.member.id,
      client: { ...(await clientOf(registrationId)) },
      redirectUri: callbackUri,
      scopes: ["users:read"],
    });
    if (!started.ok) throw new Error(`startRun failed: ${started.problem}`);
    const callbackUrl = await completeAuthorization(started.authorizationUrl, { login: "alex@demo-company.example", kind: "portal-sandbox" });
    // No client given: the run uses the registration's current secret, as the button does.
    expect(await completeRun({ callbackUrl, userId: org.member.id })).toMatchObject({ outcome: "completed", status: "passed" });
    const { current } = await secrets(registrationId);
    expect(current.lastUsedAt).toBeNull();
    expect(current.lastTestedAt).toBeInstanceOf(Date);
    // The marker is the portal's: it is not in the run's recorded requests.
    const run = await (await db()).testRun.findUniqueOrThrow({ where: { id: started.runId }, select: { steps: true } });
    expect(JSON.stringify(run.steps)).not.toMatch(/x-portal-test-connection/i);
  });

  it("forgets a client's uses when it is revoked", async () => {
    const { registrationId, client } = await liveRegistration();
    expect(await authenticates(client, client.clientSecret!)).toBe(true);
    expect(await (await db()).clientSecretUse.count({ where: { clientId: client.clientId } })).toBe(1);
    await revokeRegistration(registrationId, { ...org.member, role: "partner" }, org.id);
    expect(await (await db()).clientSecretUse.count({ where: { clientId: client.clientId } })).toBe(0);
  });
});

async function clientOf(registrationId: string) {
  const row = await (await db()).registration.findUniqueOrThrow({ where: { id: registrationId }, select: { clientId: true } });
  return { issuer: server.issuer, clientId: row.clientId!, tokenEndpointAuthMethod: "client_secret_basic" as const };
}
