// The authorization server down, slow past OAUTH_TIMEOUT_SECONDS, or answering 500 while an
// admin approves (RFC 7591 register, or a later approval's RFC 7592 PUT) or revokes (DELETE):
// the action is refused with the reason, nothing half-done is recorded, and a retry succeeds
// once the server is back. A proxy in front of a real oidc-provider plays the faults.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startNewDraft } from "@/lib/db/review";
import { DomainError } from "@/lib/errors";
import { revokeRegistration } from "@/lib/domain/credentials";
import { claim, decide } from "@/lib/domain/review";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { withFaultyExternalIssuer } from "../support/faulty-external-issuer";
import type { FaultMode } from "../support/faulty-proxy";
import { organizationWithMember, staffAdmin, submit, submittedRegistration, type Org } from "./review-support";

withTestDatabase();
const upstream = withFaultyExternalIssuer();

const FAULTS: [FaultMode, RegExp][] = [
  ["down", /could not be reached/],
  ["slow", /no answer within 1 s/],
  ["error", /failed \(HTTP 500\)/],
];

async function refusedUpstream(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).kind).toBe("upstream");
  return (error as DomainError).message;
}

const approve = (registrationId: string, revisionNumber: number, admin: Awaited<ReturnType<typeof staffAdmin>>) =>
  decide(admin, { registrationId, revision: revisionNumber, decision: "approve", comments: [] });

async function live(registrationId: string) {
  return (await db()).registration.findUniqueOrThrow({ where: { id: registrationId }, select: { clientId: true, revokedAt: true, latestStatus: true } });
}

async function auditCount(registrationId: string, action: string) {
  return (await db()).auditEvent.count({ where: { registrationId, action } });
}

describe("approval while the authorization server fails", () => {
  let org: Org;
  let admin: Awaited<ReturnType<typeof staffAdmin>>;
  let registrationId: string;

  beforeAll(async () => {
    org = await organizationWithMember();
    admin = await staffAdmin();
    registrationId = await submittedRegistration(org);
    await claim(admin, { registrationId, revision: 1 });
  });

  it.each(FAULTS)("refuses a first approval when the server is %s, and records nothing", async (mode, reason) => {
    upstream.proxy().mode = mode;
    expect(await refusedUpstream(approve(registrationId, 1, admin))).toMatch(reason);
    const row = await live(registrationId);
    expect(row).toMatchObject({ clientId: null, latestStatus: "IN_REVIEW" });
    expect(await (await db()).clientSecret.count({ where: { registrationId } })).toBe(0);
    expect(await auditCount(registrationId, "revision.approved")).toBe(0);
  });

  it("approves on retry once the server is back", async () => {
    upstream.proxy().mode = "pass";
    await approve(registrationId, 1, admin);
    const row = await live(registrationId);
    expect(row).toMatchObject({ latestStatus: "APPROVED" });
    expect(row.clientId).toBeTruthy();
    expect(await upstream.issuer().provider.Client.find(row.clientId!)).toBeTruthy();
  });

  it.each(FAULTS)("refuses a later approval's RFC 7592 PUT when the server is %s; the live configuration stays", async (mode, reason) => {
    upstream.proxy().mode = "pass";
    const { clientId } = await live(registrationId);
    if ((await live(registrationId)).latestStatus === "APPROVED") {
      await startNewDraft({ organizationId: org.id, registrationId, member: org.member });
      await submit(org, registrationId, { ...valid(), clientName: "Renamed Client" }, 1);
      await claim(admin, { registrationId, revision: 2 });
    }
    upstream.proxy().mode = mode;
    expect(await refusedUpstream(approve(registrationId, 2, admin))).toMatch(reason);
    expect(await live(registrationId)).toMatchObject({ latestStatus: "IN_REVIEW", clientId });
    expect((await upstream.issuer().provider.Client.find(clientId!))?.clientName).not.toBe("Renamed Client");
  });

  it("pushes the later approval on retry", async () => {
    upstream.proxy().mode = "pass";
    await approve(registrationId, 2, admin);
    const { clientId, latestStatus } = await live(registrationId);
    expect(latestStatus).toBe("APPROVED");
    expect((await upstream.issuer().provider.Client.find(clientId!))?.clientName).toBe("Renamed Client");
  });

  it.each(FAULTS)("refuses revocation's RFC 7592 DELETE when the server is %s; the client stays live", async (mode, reason) => {
    upstream.proxy().mode = mode;
    const actor = { ...admin, role: "admin" as const };
    expect(await refusedUpstream(revokeRegistration(registrationId, actor))).toMatch(reason);
    const row = await live(registrationId);
    expect(row.revokedAt).toBeNull();
    upstream.proxy().mode = "pass";
    expect(await upstream.issuer().provider.Client.find(row.clientId!)).toBeTruthy();
  });

  it("revokes on retry", async () => {
    upstream.proxy().mode = "pass";
    const { clientId } = await live(registrationId);
    await revokeRegistration(registrationId, { ...admin, role: "admin" });
    expect((await live(registrationId)).revokedAt).toBeInstanceOf(Date);
    expect(await upstream.issuer().provider.Client.find(clientId!)).toBeUndefined();
  });
});
