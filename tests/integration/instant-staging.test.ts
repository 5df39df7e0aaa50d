// The instant-staging policy against a real database and a real authorization server (behind a
// proxy that can fail): saving the policy with a conflict for the second of two admins, a
// passing Staging submission approved by the policy actor and provisioned, a failing one held
// with its reasons, Production never approved, a provisioning failure held for a person who
// can then approve it as usual, and the spot check.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { applyPolicyToSubmission, getPolicy, savePolicy, spotCheck, type PolicyInput } from "@/lib/domain/policy";
import { claim, decide } from "@/lib/domain/review";
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { withFaultyExternalIssuer } from "../support/faulty-external-issuer";
import { organizationWithMember, reviewError, staffAdmin, submittedRegistration, type Org } from "./review-support";

withTestDatabase();
const upstream = withFaultyExternalIssuer();

/** Passes the default conditions: the site's own domain, read scopes only, no warnings. */
const passing = (overrides: Partial<RegistrationData> = {}) =>
  valid({ contacts: ["dev@client.example"], scopes: ["users:read", "export-jobs:read"], redirectUris: ["https://app.client.example/callback"], ...overrides });

const POLICY: Omit<PolicyInput, "version"> = {
  enabled: true,
  allowedScopes: ["users:read", "export-jobs:read"],
  blockingWarnings: ["pkce_exception", "hosts_differ"],
  allowedDomains: ["hosting.example"],
};

let org: Org;
let admin: Awaited<ReturnType<typeof staffAdmin>>;
let other: Awaited<ReturnType<typeof staffAdmin>>;

beforeAll(async () => {
  org = await organizationWithMember("Instant Co");
  admin = await staffAdmin("Ada Admin");
  other = await staffAdmin("Otto Admin");
});

async function submitAndApply(data: RegistrationData, environment: Environment = "staging") {
  const registrationId = await submittedRegistration(org, data, environment);
  const outcome = await applyPolicyToSubmission({ organizationId: org.id, registrationId, revisionNumber: 1, environment, data });
  return { registrationId, outcome };
}

const rows = async (registrationId: string) => {
  const client = await db();
  const [registration, revision, audit] = await Promise.all([
    client.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { clientId: true, autoApprovedAt: true, latestStatus: true } }),
    client.revision.findFirstOrThrow({ where: { registrationId, number: 1 }, select: { status: true, decidedById: true, decidedAt: true, policyHold: true } }),
    client.auditEvent.findMany({
      where: { registrationId },
      orderBy: { seq: "asc" },
      select: { action: true, actorRole: true, actorName: true, actorId: true, after: true },
    }),
  ]);
  return { registration, revision, audit };
};

describe("saving the policy", () => {
  it("starts from the deployment's defaults (version 0), then saves version 1 with an audit row", async () => {
    const initial = await getPolicy();
    expect(initial).toMatchObject({ version: 0, enabled: true }); // the embedded default: on
    expect(initial.allowedScopes.every((s) => s.endsWith(":read"))).toBe(true);
    expect(await savePolicy(admin, { version: 0, ...POLICY })).toEqual({ version: 1 });
    expect(await getPolicy()).toMatchObject({ version: 1, ...POLICY, updatedBy: "Ada Admin" });
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { action: "policy.updated" }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ actorRole: "admin", actorName: "Ada Admin", after: expect.objectContaining({ version: 1, enabled: true }) });
  });

  it("gives the second of two admins saving the same version a conflict", async () => {
    const results = await Promise.allSettled([savePolicy(admin, { version: 1, ...POLICY }), savePolicy(other, { version: 1, ...POLICY, enabled: false })]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const error = (refused[0] as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "conflict" });
    expect((await getPolicy()).version).toBe(2);
    // A stale version stays refused; the current one saves.
    expect((await reviewError(savePolicy(admin, { version: 1, ...POLICY }))).kind).toBe("conflict");
    expect(await savePolicy(admin, { version: 2, ...POLICY })).toEqual({ version: 3 });
  });

  it("refuses unknown scopes, warnings and malformed domains, naming the field", async () => {
    expect((await reviewError(savePolicy(admin, { version: 3, ...POLICY, allowedScopes: ["everything"] }))).fieldErrors).toHaveProperty("allowedScopes");
    expect((await reviewError(savePolicy(admin, { version: 3, ...POLICY, blockingWarnings: ["nope"] }))).fieldErrors).toHaveProperty("blockingWarnings");
    const bad = await reviewError(savePolicy(admin, { version: 3, ...POLICY, allowedDomains: ["https://x.example/path"] }));
    expect(bad.fieldErrors?.allowedDomains?.[0]).toMatch(/not a domain name/);
  });
});

describe("a submission under the policy", () => {
  it("approves a passing Staging submission as the policy: provisioned, no person, the checks audited", async () => {
    const { registrationId, outcome } = await submitAndApply(passing());
    expect(outcome).toEqual({ outcome: "approved" });
    const { registration, revision, audit } = await rows(registrationId);
    expect(registration).toMatchObject({ latestStatus: "APPROVED", clientId: expect.any(String), autoApprovedAt: expect.any(Date) });
    expect(revision).toMatchObject({ status: "APPROVED", decidedById: null, decidedAt: expect.any(Date), policyHold: null });
    const approval = audit.find((a) => a.action === "revision.approved");
    expect(approval).toMatchObject({ actorRole: "policy", actorName: "Policy", actorId: null });
    expect(approval?.after).toMatchObject({
      status: "APPROVED",
      policyVersion: 3,
      checks: expect.arrayContaining([{ id: "scopes", passed: true, message: null }]),
    });
    expect(audit.find((a) => a.action === "credential.client_provisioned")).toMatchObject({ actorRole: "policy" });
    expect(await (await db()).clientSecret.count({ where: { registrationId } })).toBe(1);
  });

  it("ignores the portal's own Test connection callback (an http://localhost address here)", async () => {
    const data = passing({ redirectUris: ["https://app.client.example/callback", "http://localhost:3999/api/test-connection/callback"] });
    expect((await submitAndApply(data)).outcome).toEqual({ outcome: "approved" });
  });

  it("accepts hosts on the allow-list, Postman and loopback on Staging", async () => {
    const data = passing({
      contacts: ["ops@hosting.example"],
      redirectUris: ["https://app.client.example/cb", "https://oauth.pstmn.io/v1/callback", "http://127.0.0.1:8080/cb"],
    });
    expect((await submitAndApply(data)).outcome).toEqual({ outcome: "approved" });
  });

  it("holds a failing submission for a person, with every reason, and leaves it in the queue", async () => {
    const { registrationId, outcome } = await submitAndApply(passing({ scopes: ["users:read", "users:write"], contacts: ["someone@elsewhere.example"] }));
    expect(outcome).toMatchObject({ outcome: "held" });
    if (outcome.outcome !== "held") return;
    expect(outcome.reasons).toEqual([expect.stringContaining("users:write"), expect.stringContaining("elsewhere.example")]);
    const { registration, revision, audit } = await rows(registrationId);
    expect(registration).toMatchObject({ latestStatus: "SUBMITTED", clientId: null, autoApprovedAt: null });
    expect(revision).toMatchObject({ status: "SUBMITTED", decidedAt: null, policyHold: outcome.reasons });
    expect(audit.at(-1)).toMatchObject({ action: "revision.held_for_review", actorRole: "policy" });
  });

  it("never approves Production, whatever the policy says", async () => {
    const { registrationId, outcome } = await submitAndApply(passing(), "production");
    expect(outcome).toMatchObject({ outcome: "held", reasons: ["Production registrations are always reviewed by a person."] });
    expect((await rows(registrationId)).revision.status).toBe("SUBMITTED");
  });

  it("holds a passing submission whose provisioning fails, and an admin can approve it afterwards", async () => {
    upstream.proxy().mode = "down";
    const { registrationId, outcome } = await submitAndApply(passing());
    upstream.proxy().mode = "pass";
    expect(outcome).toMatchObject({ outcome: "held", reasons: [expect.stringMatching(/the automatic approval could not finish: .*could not be reached/)] });
    expect((await rows(registrationId)).registration).toMatchObject({ latestStatus: "SUBMITTED", clientId: null });
    await claim(admin, { registrationId, revision: 1 });
    await decide(admin, { registrationId, revision: 1, decision: "approve", comments: [] });
    const after = await rows(registrationId);
    expect(after.revision).toMatchObject({ status: "APPROVED", decidedById: admin.id });
    expect(after.registration).toMatchObject({ clientId: expect.any(String), autoApprovedAt: null });
  });

  it("does nothing while the policy is off", async () => {
    const { version } = await getPolicy();
    await savePolicy(admin, { version, ...POLICY, enabled: false });
    const { registrationId, outcome } = await submitAndApply(passing());
    expect(outcome).toEqual({ outcome: "off" });
    expect((await rows(registrationId)).revision).toMatchObject({ status: "SUBMITTED", policyHold: null });
    await savePolicy(admin, { version: version + 1, ...POLICY });
  });
});

describe("spot checks", () => {
  it("marks an auto-approved registration once, audited; refuses a human-approved one", async () => {
    const { registrationId } = await submitAndApply(passing());
    await spotCheck(admin, registrationId);
    expect(await (await db()).registration.findUniqueOrThrow({ where: { id: registrationId }, select: { spotCheckedAt: true } })).toMatchObject({
      spotCheckedAt: expect.any(Date),
    });
    expect(await (await db()).auditEvent.count({ where: { registrationId, action: "registration.spot_checked" } })).toBe(1);
    expect((await reviewError(spotCheck(other, registrationId))).kind).toBe("conflict");
    const held = await submitAndApply(passing({ scopes: ["users:write"] }));
    expect((await reviewError(spotCheck(admin, held.registrationId))).kind).toBe("conflict");
  });
});
