import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clearMetadataCache, type TestClient } from "@/lib/test-connection/client";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import type { Step } from "@/lib/test-connection/types";
import { withTestDatabase } from "../support/db";
import { CLIENT_ID, CLIENT_SECRET, startFakeServer, type FakeServer } from "../unit/test-connection/fake-oauth-server";
import { draftRegistration, organizationWithMember, type Org } from "./review-support";

// startRun / completeRun with an explicit issuer and client (a small OAuth server on a
// loopback port stands in for the authorization server; sign-in and consent are simulated by
// issuing a code for the request's PKCE challenge).

withTestDatabase();
const REDIRECT = "http://localhost:3997/api/test-connection/callback";
let server: FakeServer;
let org: Org;
let registrationId: string;
let client: TestClient;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "test-connection-flow-"));
  process.env.APP_URL = "http://localhost:3997";
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
  clearMetadataCache();
  server = await startFakeServer();
  org = await organizationWithMember();
  registrationId = await draftRegistration(org);
  client = { issuer: server.issuer, clientId: CLIENT_ID, tokenEndpointAuthMethod: "client_secret_basic" };
});
afterAll(async () => {
  await server?.close();
  (globalThis as { __portalEnv?: unknown }).__portalEnv = undefined;
});

async function start(userId = org.member.id, issuer = server.issuer) {
  const result = await startRun({
    registrationId,
    userId,
    client: { ...client, issuer },
    redirectUri: REDIRECT,
    scopes: ["users:read"],
    oneTimeSecret: CLIENT_SECRET,
  });
  return result;
}

/** What the authorization server does after sign-in and consent: a code for this request. */
function consent(authorizationUrl: string, extra: Record<string, string> = {}) {
  const url = new URL(authorizationUrl);
  const p = url.searchParams;
  const code = server.issueCode({
    challenge: p.get("code_challenge")!,
    redirectUri: p.get("redirect_uri")!,
    scope: p.get("scope")!,
    nonce: p.get("nonce") ?? undefined,
  });
  return `${REDIRECT}?${new URLSearchParams({ code, state: p.get("state")!, iss: server.issuer, ...extra })}`;
}

const stored = async (id: string) =>
  (await db()).testRun.findUniqueOrThrow({
    where: { id },
    select: { status: true, steps: true, oneTimeSecretEnc: true, codeVerifierEnc: true, usedAt: true, stateHash: true, nonce: true },
  });

describe("startRun", () => {
  it("builds the authorization request and keeps its secrets server-side", async () => {
    const result = await start();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const p = new URL(result.authorizationUrl).searchParams;
    expect(result.authorizationUrl.startsWith(`${server.issuer}/oauth/authorize?`)).toBe(true);
    expect(Object.fromEntries(p)).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: "users:read openid",
      code_challenge_method: "S256",
    });
    expect(p.get("state")).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(p.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await stored(result.runId);
    expect(row.stateHash).toBe(createHash("sha256").update(p.get("state")!).digest("hex"));
    expect(row.nonce).toBe(p.get("nonce"));
    expect(row.oneTimeSecretEnc).toMatch(/^v1\./);
    expect(row.oneTimeSecretEnc).not.toContain(CLIENT_SECRET);
    expect(row.codeVerifierEnc).toMatch(/^v1\./);
    expect(JSON.stringify(row.steps)).not.toContain(p.get("state")!);
    expect(JSON.stringify(row.steps)).not.toContain(CLIENT_SECRET);
  });

  it("records a failed run when the server cannot be reached", async () => {
    const result = await start(org.member.id, "http://127.0.0.1:9");
    expect(result).toMatchObject({ ok: false, problem: "server_unreachable" });
    const row = await stored(result.runId);
    expect(row.status).toBe("failed");
    expect(row.oneTimeSecretEnc).toBeNull();
    expect((row.steps as Step[])[0]).toMatchObject({ id: "authorization_request", status: "failed", explanation: { code: "server_unreachable" } });
  });
});

describe("completeRun", () => {
  it("runs the whole flow, stores redacted steps, wipes the one-time secret, and refuses a replay", async () => {
    const started = await start();
    if (!started.ok) throw new Error("start failed");
    const callbackUrl = consent(started.authorizationUrl);
    const before = server.issued.length;
    const result = await completeRun({ callbackUrl, userId: org.member.id, client });
    expect(result).toEqual({ outcome: "completed", runId: started.runId, registrationId, status: "passed" });
    const row = await stored(started.runId);
    expect(row.status).toBe("passed");
    expect(row.oneTimeSecretEnc).toBeNull();
    const steps = row.steps as Step[];
    expect(steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "authorization_request:passed",
      "consent:passed",
      "callback:passed",
      "token_exchange:passed",
      "api_call:passed",
      "refresh:passed",
    ]);
    const json = JSON.stringify(steps);
    const code = new URL(callbackUrl).searchParams.get("code")!;
    for (const secret of [CLIENT_SECRET, code, ...server.issued.slice(before - 1)]) expect(json).not.toContain(secret);

    expect(await completeRun({ callbackUrl, userId: org.member.id, client })).toEqual({ outcome: "replayed", runId: started.runId, registrationId });
    expect((await stored(started.runId)).status).toBe("passed");
  });

  it("refuses a callback of another user's run without touching it", async () => {
    const other = await organizationWithMember();
    const started = await start();
    if (!started.ok) throw new Error("start failed");
    const callbackUrl = consent(started.authorizationUrl);
    expect(await completeRun({ callbackUrl, userId: other.member.id, client })).toEqual({ outcome: "rejected", problem: "state_other_user" });
    expect((await stored(started.runId)).usedAt).toBeNull();
  });

  it("refuses a forged or missing state", async () => {
    expect(await completeRun({ callbackUrl: `${REDIRECT}?code=abc&state=forged`, userId: org.member.id })).toEqual({
      outcome: "rejected",
      problem: "state_unknown",
    });
    expect(await completeRun({ callbackUrl: `${REDIRECT}?code=abc`, userId: org.member.id })).toEqual({ outcome: "rejected", problem: "state_missing" });
  });

  it("an expired run ends as expired, its secret wiped", async () => {
    const started = await start();
    if (!started.ok) throw new Error("start failed");
    await (await db()).testRun.update({ where: { id: started.runId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await completeRun({ callbackUrl: consent(started.authorizationUrl), userId: org.member.id, client });
    expect(result).toMatchObject({ outcome: "expired", runId: started.runId });
    expect(await stored(started.runId)).toMatchObject({ status: "expired", oneTimeSecretEnc: null });
  });

  it("access_denied ends in a failed run with the explanation", async () => {
    const started = await start();
    if (!started.ok) throw new Error("start failed");
    const state = new URL(started.authorizationUrl).searchParams.get("state")!;
    const callbackUrl = `${REDIRECT}?${new URLSearchParams({ error: "access_denied", error_description: "End-User aborted interaction", state, iss: server.issuer })}`;
    expect(await completeRun({ callbackUrl, userId: org.member.id, client })).toMatchObject({ outcome: "completed", status: "failed" });
    const row = await stored(started.runId);
    expect((row.steps as Step[]).find((s) => s.id === "consent")).toMatchObject({ status: "failed", explanation: { code: "access_denied" } });
    expect(row.oneTimeSecretEnc).toBeNull();
  });

  it("a wrong one-time secret ends in invalid_client", async () => {
    const started = await startRun({
      registrationId,
      userId: org.member.id,
      client,
      redirectUri: REDIRECT,
      scopes: ["users:read"],
      oneTimeSecret: "wrong-secret-0000000000",
    });
    if (!started.ok) throw new Error("start failed");
    const result = await completeRun({ callbackUrl: consent(started.authorizationUrl), userId: org.member.id, client });
    expect(result).toMatchObject({ outcome: "completed", status: "failed" });
    const steps = (await stored(started.runId)).steps as Step[];
    expect(steps.find((s) => s.id === "token_exchange")).toMatchObject({ status: "failed", explanation: { code: "invalid_client" } });
    expect(JSON.stringify(steps)).not.toContain("wrong-secret-0000000000");
  });
});
