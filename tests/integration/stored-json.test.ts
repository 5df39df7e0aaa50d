import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { listAuditForRegistration, readAuditValues } from "@/lib/db/audit";
import { getRegistrationForReview } from "@/lib/db/queue";
import { duplicateRegistration, getRegistration } from "@/lib/db/registrations";
import { createTestRun, getTestRun } from "@/lib/db/test-runs";
import { hashToken } from "@/lib/security/tokens";
import RevisionPage from "@/app/(app)/registrations/[id]/revisions/[number]/page";
import RegistrationPage from "@/app/(app)/registrations/[id]/page";
import ReviewPage from "@/app/admin/registrations/[id]/page";
import EditRegistrationPage from "@/app/(app)/registrations/[id]/edit/[step]/page";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { draftRegistration, organizationWithMember, submittedRegistration, type Org } from "./review-support";

// Stored JSON outlives the code that wrote it. A row written by an older version (here written
// straight through Prisma) is read as far as it can be, names what could not be read, and the
// page that shows it renders with a calm notice instead of failing.

const member = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("@/lib/auth/guards", () => ({ requireOrgMember: vi.fn(async () => member.current), requireAdmin: vi.fn(async () => member.current) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: () => {
    throw new Error("NEXT_REDIRECT");
  },
  useRouter: () => ({ push() {}, refresh() {}, replace() {} }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));

withTestDatabase();

/** What an older version might have stored: a string where a list is, a client type since renamed, a removed key. */
const olderShape = {
  ...valid({ clientName: "Old Ledger" }),
  scopes: "users:read users:write",
  clientType: "public",
  applicationType: "web",
};
const readable = { ...valid({ clientName: "Old Ledger" }), scopes: [], clientType: "confidential" };
const unreadable = ["scopes", "clientType", "applicationType"];

async function storedAsOlderShape(org: Org) {
  const id = await submittedRegistration(org, valid({ clientName: "Old Ledger" }));
  await (await db()).revision.updateMany({ where: { registrationId: id, number: 1 }, data: { data: olderShape } });
  return id;
}

const html = (element: ReactElement) => renderToStaticMarkup(element);

describe("a revision whose data no longer matches the schema", () => {
  it("reads as what parses plus the list of what could not be read, for partners and admins", async () => {
    const org = await organizationWithMember();
    const id = await storedAsOlderShape(org);
    const forPartner = await getRegistration(org.id, id);
    expect(forPartner?.revisions[0]).toMatchObject({ number: 1, status: "SUBMITTED", data: readable, unreadable });
    const forReview = await getRegistrationForReview(id);
    expect(forReview?.revisions[0]).toMatchObject({ number: 1, data: readable, unreadable });
  });

  it("reads a revision stored as junk as an empty registration, every field unreadable", async () => {
    const org = await organizationWithMember();
    const id = await submittedRegistration(org);
    await (await db()).revision.updateMany({ where: { registrationId: id }, data: { data: ["not", "an", "object"] } });
    const revision = (await getRegistration(org.id, id))?.revisions[0];
    expect(revision?.data.clientName).toBe("");
    expect(revision?.unreadable).toContain("redirectUris");
  });

  it("duplicates into a draft of what could be read", async () => {
    const org = await organizationWithMember();
    const id = await storedAsOlderShape(org);
    const copy = await duplicateRegistration(org.id, id, org.member);
    const draft = (await getRegistration(org.id, copy!.id))?.revisions[0];
    expect(draft).toMatchObject({ status: "DRAFT", data: readable, unreadable: [] });
  });

  it("renders the revision page with the notice (server-rendered markup)", async () => {
    const org = await organizationWithMember();
    const id = await storedAsOlderShape(org);
    member.current = { id: org.member.id, membership: { role: "OWNER", organization: { id: org.id, name: org.name } } };
    const out = html(await RevisionPage({ params: Promise.resolve({ id, number: "1" }) }));
    expect(out).toContain("Some fields of this revision could not be read: Scopes, Client type, &quot;applicationType&quot;.");
    expect(out).toContain("Old Ledger");
  });

  it("renders the registration page and the admin review page with the notice", async () => {
    const org = await organizationWithMember();
    const id = await storedAsOlderShape(org);
    const notice = "Some fields of this revision could not be read: Scopes, Client type";
    member.current = { id: org.member.id, membership: { role: "OWNER", organization: { id: org.id, name: org.name } } };
    expect(html(await RegistrationPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))).toContain(notice);
    member.current = { id: org.member.id, name: "Admin" };
    expect(html(await ReviewPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))).toContain(notice);
  });
});

describe("a draft whose data no longer matches the schema", () => {
  it("opens in the wizard with what could be read, and the notice", async () => {
    const org = await organizationWithMember();
    const id = await draftRegistration(org, valid({ clientName: "Old Ledger" }));
    await (await db()).revision.updateMany({ where: { registrationId: id }, data: { data: olderShape } });
    member.current = { id: org.member.id, membership: { role: "OWNER", organization: { id: org.id, name: org.name } } };
    const out = html(await EditRegistrationPage({ params: Promise.resolve({ id, step: "technical" }), searchParams: Promise.resolve({}) }));
    expect(out).toContain("Some fields of this revision could not be read: Scopes, Client type");
    expect(out).toContain("Old Ledger");
  });
});

describe("audit values", () => {
  it("read as the object recorded; another shape under value; none as null", async () => {
    const org = await organizationWithMember();
    const id = await submittedRegistration(org);
    await (
      await db()
    ).auditEvent.create({
      data: {
        actorRole: "system",
        actorName: "System",
        action: "legacy.event",
        summary: "An older event",
        organizationId: org.id,
        registrationId: id,
        before: "DRAFT",
        after: [1, 2],
      },
    });
    const events = await listAuditForRegistration(org.id, id);
    expect(events.find((e) => e.action === "legacy.event")).toMatchObject({ before: { value: "DRAFT" }, after: { value: [1, 2] } });
    expect(events.find((e) => e.action === "revision.submitted")).toMatchObject({ before: { status: "DRAFT" }, after: { status: "SUBMITTED" } });
    expect(readAuditValues(null)).toBeNull();
    expect(readAuditValues(undefined)).toBeNull();
  });
});

describe("test run steps", () => {
  it("read the steps that parse and name the others", async () => {
    const org = await organizationWithMember();
    const id = await submittedRegistration(org);
    const step = { id: "authorization_request", title: "Authorization request", status: "passed", startedAt: new Date().toISOString(), durationMs: 3 } as const;
    const run = await createTestRun({
      registrationId: id,
      userId: org.member.id,
      stateHash: hashToken(`state-${id}`),
      codeVerifierEnc: "v1.encrypted.verifier.value",
      nonce: null,
      oneTimeSecretEnc: null,
      redirectUri: "http://localhost:3000/api/test-connection/callback",
      scope: "users:read openid",
      steps: [step],
    });
    await (await db()).testRun.update({ where: { id: run.id }, data: { steps: [step, { id: "exchange", ok: true }] } });
    const view = await getTestRun(org.id, id, run.id);
    expect(view).toMatchObject({ steps: [step], unreadableSteps: ["step 2"] });
  });
});
