import { describe, expect, it, vi } from "vitest";
import { POST as decisionRoute } from "@/app/api/admin/registrations/[id]/decision/route";
import { PUT as draftRoute } from "@/app/api/registrations/[id]/draft/route";
import { importManifestAction } from "@/lib/actions/registrations";
import type { MemberUser } from "@/lib/auth/guards";
import { saveDraft } from "@/lib/domain/registrations";
import { commentAction, decisionAction } from "@/lib/actions/review";
import { db } from "@/lib/db";
import { createTestRun, finishRun } from "@/lib/db/test-runs";
import { toManifest } from "@/lib/registration/manifest";
import { readableBody } from "@/lib/test-connection/redact";
import type { Step } from "@/lib/test-connection/types";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";
import { adminUser, memberOf, signInAs } from "../support/fake-session";
import { wellFormed } from "../support/hostile";
import { callAction, callRoute, renderPages, withScene } from "./hostile-support";
import { revisionRow } from "./review-support";

// Issue 9's known bug: a NUL byte or a lone surrogate in a draft, a comment, a decision note, a
// manifest import or an admin queue or audit search answered 500, because PostgreSQL refuses
// U+0000 in text and jsonb, and jsonb refuses unpaired surrogates. Each entry point now refuses
// such text with a message that says where it is, and stores nothing. Run in both database
// passes; the real data layer is underneath, only the session is stood in for.

vi.mock("@/lib/auth/auth", () => ({ cookieSessionId: vi.fn() }));
vi.mock("@/lib/auth/guards", async (real) => (await import("../support/fake-session")).fakeGuards(await real()));
vi.mock("next/navigation", async (real) => (await import("../support/fake-session")).fakeNavigation(await real()));
vi.mock("next/headers", async () => (await import("../support/fake-session")).fakeHeaders());

withTestEnv();
withTestDatabase();

const NUL = "\u0000";
const HIGH = "\ud800";
const LOW = "\udc00";

const scene = withScene();

const draftVersion = async () => (await revisionRow(scene.draftId, 1)).version;

describe("the draft autosave route", () => {
  it.each([
    ["a NUL in the client name", { clientName: `Acme${NUL}` }, "data.clientName", "NUL character"],
    ["a lone high surrogate in the PKCE reason", { pkceExceptionReason: `because ${HIGH}` }, "data.pkceExceptionReason", "unpaired UTF-16 surrogate"],
    ["a lone low surrogate in a contact", { contacts: ["a@b.example", `x${LOW}@b.example`] }, "data.contacts.1", "unpaired UTF-16 surrogate"],
  ])("answers 400 for %s, naming the field, and keeps the draft", async (_name, change, field, problem) => {
    signInAs(memberOf(scene.org));
    const before = await draftVersion();
    const answer = await callRoute(draftRoute, { method: "PUT", params: { id: scene.draftId }, body: { version: before, data: valid(change) } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: "invalid_request" });
    expect(answer.json?.error_description).toBe(
      `The request body field "${field}" contains ${problem === "NUL character" ? "a NUL character (U+0000)" : "a broken character (an unpaired UTF-16 surrogate, such as half of an emoji)"}, which cannot be stored: remove it and try again.`,
    );
    expect(await draftVersion()).toBe(before);
  });
});

describe("a draft that is not an object", () => {
  it("is refused as such, not as too large (route and action)", async () => {
    signInAs(memberOf(scene.org));
    const version = await draftVersion();
    for (const data of ["a string", [valid()], 42]) {
      const answer = await callRoute(draftRoute, { method: "PUT", params: { id: scene.draftId }, body: { version, data } });
      expect(answer.status).toBe(422);
      expect(answer.json?.error_description).toBe("Send the draft as an object of form fields.");
      await expect(saveDraft(memberOf(scene.org) as MemberUser, scene.draftId, { version, data })).rejects.toMatchObject({
        kind: "invalid",
        message: "Send the draft as an object of form fields.",
      });
    }
    const tooLong = await callRoute(draftRoute, {
      method: "PUT",
      params: { id: scene.draftId },
      body: { version, data: valid({ clientName: "a".repeat(4097) }) },
    });
    expect(tooLong.json?.error_description).toMatch(/^The draft is too large to save/);
  });
});

describe("text cut to fit a column", () => {
  it("keeps whole characters: the list's copy of a long draft name never ends in half an emoji (stored as U+FFFD)", async () => {
    signInAs(memberOf(scene.org));
    const name = `${"a".repeat(199)}😀 and more`;
    const answer = await callRoute(draftRoute, {
      method: "PUT",
      params: { id: scene.draftId },
      body: { version: await draftVersion(), data: valid({ clientName: name }) },
    });
    expect(answer.status).toBe(200);
    const row = await (await db()).registration.findUniqueOrThrow({ where: { id: scene.draftId }, select: { clientName: true } });
    expect(row.clientName).toBe("a".repeat(199));
  });
});

describe("a Test connection run quoting the authorization server", () => {
  it("is stored with what the database cannot hold shown as U+FFFD, instead of failing the run", async () => {
    const answer = { error: `invalid_grant${NUL}`, [`odd${NUL}key`]: `cut emoji ${HIGH}`, text: "😀".repeat(2001) };
    const steps: Step[] = [
      {
        id: "token_exchange",
        title: "Token exchange",
        status: "failed",
        startedAt: new Date().toISOString(),
        durationMs: 5,
        http: { request: { method: "POST", url: "https://as.example/token", headers: {}, body: null }, response: { status: 400, headers: {}, body: answer } },
      },
    ];
    const run = await createTestRun({
      registrationId: scene.draftId,
      userId: scene.org.member.id,
      stateHash: "h".repeat(43),
      codeVerifierEnc: "v",
      nonce: null,
      oneTimeSecretEnc: null,
      redirectUri: "http://localhost/cb",
      scope: "users:read",
      steps,
    });
    await finishRun(run.id, "failed", steps);
    const stored = await (await db()).testRun.findUniqueOrThrow({ where: { id: run.id }, select: { steps: true } });
    expect(JSON.stringify(stored.steps)).toContain('"odd\ufffdkey":"cut emoji \ufffd"');
    // A long text answer is shortened for the timeline without cutting an emoji in half.
    const shortened = readableBody(`a${"😀".repeat(2500)}`, "text/plain") as string;
    expect(shortened).toMatch(/^a(😀){1999}… \(1002 more characters\)$/);
    expect(wellFormed(shortened)).toBe(true);
  });
});

describe("the decision route", () => {
  it.each([
    ["a NUL in the note", { note: `Fix it${NUL}` }],
    ["a lone surrogate in a field comment", { comments: [{ field: "clientName", body: `odd ${LOW}` }] }],
  ])("answers 400 for %s and decides nothing", async (_name, extra) => {
    signInAs(adminUser(scene.admin));
    const answer = await callRoute(decisionRoute, { params: { id: scene.reviewId }, body: { revision: 1, decision: "request_changes", note: "x", ...extra } });
    expect(answer.status).toBe(400);
    expect(String(answer.json?.error_description)).toMatch(/^The request body field "(note|comments\.0\.body)" contains /);
    expect((await revisionRow(scene.reviewId, 1)).status).toBe("IN_REVIEW");
  });
});

describe("server actions", () => {
  // The draft itself is saved through the route (above); a nested field of an action's payload
  // is named the same way: here a field comment of a decision.
  it("deciding with a nested field comment: a field error on that comment, nothing decided", async () => {
    signInAs(adminUser(scene.admin));
    const result = await callAction(decisionAction, {
      registrationId: scene.reviewId,
      revision: 1,
      decision: "request_changes",
      comments: [{ field: "clientName", body: `A${NUL}` }],
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { "comments.0.body": [expect.stringContaining("NUL character")] } });
    expect((await revisionRow(scene.reviewId, 1)).status).toBe("IN_REVIEW");
  });

  it.each([
    ["a NUL escape in the PKCE reason", { pkce_supported: false, pkce_exception_reason: `Our token library has no PKCE yet${NUL}.` }, "pkce_exception_reason"],
    ["a lone surrogate escape in the client name", { client_name: `Acme ${HIGH}` }, "client_name"],
  ])("importing a manifest with %s: refused on the manifest field, no registration created", async (_name, change, field) => {
    signInAs(memberOf(scene.org));
    const registrations = await (await db()).registration.count();
    const manifest = JSON.stringify({ ...toManifest(valid(), "staging", null), ...change });
    const result = await callAction(importManifestAction, { manifest });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", error: expect.stringContaining(`The manifest field "${field}" contains`) });
    expect(result.ok ? undefined : result.fieldErrors?.manifest).toHaveLength(1);
    expect(await (await db()).registration.count()).toBe(registrations);
  });

  it("commenting: a field error on the body, no comment stored", async () => {
    signInAs(adminUser(scene.admin));
    const result = await callAction(commentAction, { registrationId: scene.reviewId, revision: 1, field: null, body: `Looks ${NUL} fine` });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { body: [expect.stringContaining("NUL character")] } });
    expect((await revisionRow(scene.reviewId, 1)).comments).toEqual([]);
  });

  it("deciding: a field error on the note, nothing decided", async () => {
    signInAs(adminUser(scene.admin));
    const result = await callAction(decisionAction, { registrationId: scene.reviewId, revision: 1, decision: "reject", note: `No ${HIGH}` });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { note: [expect.stringContaining("unpaired UTF-16 surrogate")] } });
    expect((await revisionRow(scene.reviewId, 1)).status).toBe("IN_REVIEW");
  });
});

describe("admin searches", () => {
  it("the queue shows its page with the search not applied, and says why", async () => {
    signInAs(adminUser(scene.admin));
    const page = await renderPages.queue({ q: `acme${NUL}`, status: "in_review" });
    expect(page).toContain("The search filter was not applied: it contains a NUL character (U+0000)");
    expect(page).toContain("Registrations in the queue");
  });

  it("the audit log shows its page with the filters not applied, and says why", async () => {
    signInAs(adminUser(scene.admin));
    const page = await renderPages.audit({ actor: `Alice${NUL}`, action: `revision.${NUL}` });
    expect(page).toContain("The who filter was not applied: it contains a NUL character (U+0000)");
    expect(page).toContain("The action filter was not applied");
    expect(page).toContain("Audit log entries");
  });
});
