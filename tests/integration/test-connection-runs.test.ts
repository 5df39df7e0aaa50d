import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { consumeRunByState, createTestRun, expireStaleRuns, finishRun, getTestRun, listTestRuns, RUN_LIFETIME_MS } from "@/lib/db/test-runs";
import { hashToken } from "@/lib/security/tokens";
import { withTestDatabase } from "../support/db";
import { draftRegistration, organizationWithMember } from "./review-support";

// TestRun storage: a run is single use (even under concurrent callbacks), expires after 10
// minutes, is bound to the user who started it, and its one-time secret does not outlive it.

withTestDatabase();

let counter = 0;
async function setup() {
  const org = await organizationWithMember();
  const registrationId = await draftRegistration(org);
  return { org, registrationId };
}

async function newRun(registrationId: string, userId: string, options: { createdAt?: Date; secret?: boolean } = {}) {
  const state = `state-${++counter}-${Math.random().toString(36).slice(2)}`;
  const run = await createTestRun({
    registrationId,
    userId,
    stateHash: hashToken(state),
    codeVerifierEnc: "v1.encrypted.verifier.value",
    nonce: null,
    oneTimeSecretEnc: options.secret ? "v1.encrypted.secret.value" : null,
    redirectUri: "http://localhost:3000/api/test-connection/callback",
    scope: "users:read openid",
    steps: [{ id: "authorization_request", title: "Authorization request", status: "passed", startedAt: new Date().toISOString(), durationMs: 3 }],
    createdAt: options.createdAt,
  });
  return { ...run, state, stateHash: hashToken(state) };
}

const row = async (id: string) =>
  (await db()).testRun.findUniqueOrThrow({
    where: { id },
    select: { status: true, usedAt: true, completedAt: true, oneTimeSecretEnc: true, codeVerifierEnc: true, stateHash: true },
  });

describe("creating a run", () => {
  it("stores only the SHA-256 of the state, and a 10-minute time limit", async () => {
    const { org, registrationId } = await setup();
    const run = await newRun(registrationId, org.member.id);
    const stored = await row(run.id);
    expect(stored.stateHash).toBe(run.stateHash);
    expect(stored.stateHash).not.toContain(run.state);
    expect(stored.status).toBe("pending");
    expect(run.expiresAt.getTime() - Date.now()).toBeGreaterThan(RUN_LIFETIME_MS - 5000);
    expect(run.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(RUN_LIFETIME_MS);
  });
});

describe("consuming a run", () => {
  it("works once; a replay is refused as such", async () => {
    const { org, registrationId } = await setup();
    const createdAt = new Date(Date.now() - 61_234);
    const run = await newRun(registrationId, org.member.id, { createdAt, secret: true });
    const now = new Date();
    const first = await consumeRunByState(run.stateHash, org.member.id, now);
    expect(first.outcome).toBe("consumed");
    if (first.outcome === "consumed") {
      expect(first.run).toMatchObject({ id: run.id, registrationId, userId: org.member.id, organizationId: org.id, scope: "users:read openid", nonce: null });
      expect(first.run).toMatchObject({ codeVerifierEnc: "v1.encrypted.verifier.value", oneTimeSecretEnc: "v1.encrypted.secret.value" });
      // Times come back as the same instants (UTC both ways, whatever the server's time zone).
      expect(first.run.createdAt.getTime()).toBe(createdAt.getTime());
      expect(first.run.steps).toHaveLength(1);
    }
    const claimed = await row(run.id);
    expect(claimed.status).toBe("running");
    expect(claimed.usedAt?.getTime()).toBe(now.getTime());
    expect(await consumeRunByState(run.stateHash, org.member.id)).toEqual({ outcome: "replayed", runId: run.id, registrationId });
  });

  it("two concurrent callbacks: exactly one wins", async () => {
    const { org, registrationId } = await setup();
    for (let i = 0; i < 5; i++) {
      const run = await newRun(registrationId, org.member.id);
      const results = await Promise.all([
        consumeRunByState(run.stateHash, org.member.id),
        consumeRunByState(run.stateHash, org.member.id),
        consumeRunByState(run.stateHash, org.member.id),
      ]);
      expect(results.filter((r) => r.outcome === "consumed")).toHaveLength(1);
      expect(results.filter((r) => r.outcome === "replayed")).toHaveLength(2);
    }
  });

  it("is bound to the user who started it: another user's callback changes nothing", async () => {
    const { org, registrationId } = await setup();
    const other = await organizationWithMember();
    const run = await newRun(registrationId, org.member.id);
    expect(await consumeRunByState(run.stateHash, other.member.id)).toEqual({ outcome: "other_user" });
    expect((await row(run.id)).usedAt).toBeNull();
    expect((await consumeRunByState(run.stateHash, org.member.id)).outcome).toBe("consumed");
  });

  it("an unknown state is not found", async () => {
    const { org } = await setup();
    expect(await consumeRunByState(hashToken("forged"), org.member.id)).toEqual({ outcome: "not_found" });
  });

  it("expires after 10 minutes: closed, one-time secret wiped, never consumable again", async () => {
    const { org, registrationId } = await setup();
    const run = await newRun(registrationId, org.member.id, { createdAt: new Date(Date.now() - RUN_LIFETIME_MS - 1000), secret: true });
    expect(await consumeRunByState(run.stateHash, org.member.id)).toEqual({ outcome: "expired", runId: run.id, registrationId });
    expect(await row(run.id)).toMatchObject({ status: "expired", oneTimeSecretEnc: null });
    expect((await consumeRunByState(run.stateHash, org.member.id)).outcome).toBe("replayed");
  });

  it("is still valid just before the limit", async () => {
    const { org, registrationId } = await setup();
    const run = await newRun(registrationId, org.member.id, { createdAt: new Date(Date.now() - RUN_LIFETIME_MS + 5000) });
    expect((await consumeRunByState(run.stateHash, org.member.id)).outcome).toBe("consumed");
  });
});

describe("ending a run", () => {
  it("finishRun stores the result and wipes the one-time secret", async () => {
    const { org, registrationId } = await setup();
    const run = await newRun(registrationId, org.member.id, { secret: true });
    await consumeRunByState(run.stateHash, org.member.id);
    await finishRun(run.id, "passed", []);
    expect(await row(run.id)).toMatchObject({ status: "passed", oneTimeSecretEnc: null, codeVerifierEnc: null });
    expect((await row(run.id)).completedAt).toBeInstanceOf(Date);
  });

  it("expireStaleRuns closes abandoned runs and wipes their secrets, leaving live ones", async () => {
    const { org, registrationId } = await setup();
    const stale = await newRun(registrationId, org.member.id, { createdAt: new Date(Date.now() - RUN_LIFETIME_MS - 60_000), secret: true });
    const live = await newRun(registrationId, org.member.id, { secret: true });
    expect(await expireStaleRuns()).toBeGreaterThanOrEqual(1);
    expect(await row(stale.id)).toMatchObject({ status: "expired", oneTimeSecretEnc: null, codeVerifierEnc: null });
    expect(await row(live.id)).toMatchObject({ status: "pending", oneTimeSecretEnc: "v1.encrypted.secret.value" });
  });
});

describe("reading runs", () => {
  it("only within the organization, newest first, with who started them", async () => {
    const { org, registrationId } = await setup();
    const other = await organizationWithMember();
    const older = await newRun(registrationId, org.member.id, { createdAt: new Date(Date.now() - 60_000) });
    const newer = await newRun(registrationId, org.member.id);
    const list = await listTestRuns(org.id, registrationId);
    expect(list.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({ status: "pending", startedBy: org.member.name });
    expect(await listTestRuns(other.id, registrationId)).toEqual([]);
    expect(await getTestRun(other.id, registrationId, newer.id)).toBeNull();
    const view = await getTestRun(org.id, registrationId, newer.id);
    expect(view).toMatchObject({ id: newer.id, startedBy: org.member.name, status: "pending" });
    expect(view).not.toHaveProperty("codeVerifierEnc");
    expect(view).not.toHaveProperty("oneTimeSecretEnc");
    expect(view).not.toHaveProperty("stateHash");
    expect(await getTestRun(org.id, registrationId, "not-a-uuid")).toBeNull();
  });
});
