import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as claimRoute } from "@/app/api/admin/registrations/[id]/claim/route";
import { POST as decisionRoute } from "@/app/api/admin/registrations/[id]/decision/route";
import { PUT as draftRoute } from "@/app/api/registrations/[id]/draft/route";
import { POST as validateRoute } from "@/app/api/registrations/validate/route";
import { importManifestAction, submitRegistrationAction } from "@/lib/actions/registrations";
import { commentAction, decisionAction, withdrawAction } from "@/lib/actions/review";
import { storeLogo } from "@/lib/db/logos";
import { getDraft } from "@/lib/db/registrations";
import { FIELD_NAMES } from "@/lib/registration/fields";
import { MANIFEST_ORDER, toManifest } from "@/lib/registration/manifest";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { withTestEnv } from "../support/env";
import { adminUser, memberOf, signInAs } from "../support/fake-session";
import { acceptedString, fuzz, hostileJson, hostileString, longString, nameUnit, wrongType } from "../support/hostile";
import { image } from "../support/image-fixtures";
import { callAction, callRoute, expectClearAnswer, expectHandled, renderPages, withScene } from "./hostile-support";
import { draftRegistration } from "./review-support";

// Random JSON, wrong types, long and odd text (NUL, lone surrogates, controls, right-to-left
// overrides, zero-width joiners, look-alikes, markup) through the route handlers and server
// actions, on the real data layer of both database passes: never a 500 or the actions' generic
// error, and whatever was accepted and stored still renders the pages that show it.

vi.mock("@/lib/auth/auth", () => ({ cookieSessionId: vi.fn() }));
vi.mock("@/lib/auth/guards", async (real) => (await import("../support/fake-session")).fakeGuards(await real()));
vi.mock("next/navigation", async (real) => (await import("../support/fake-session")).fakeNavigation(await real()));
vi.mock("next/headers", async () => (await import("../support/fake-session")).fakeHeaders());

withTestEnv();
withTestDatabase();

const scene = withScene();
let logoId: string;

beforeAll(async () => {
  const png = await image(256, 256);
  logoId = (await storeLogo({ organizationId: scene.org.id, userId: scene.org.member.id, contentType: "image/png", bytes: png, width: 256, height: 256 })).id;
});

const anyValue = fc.oneof(hostileString(), longString, wrongType, hostileJson(2));
const shaped = (keys: readonly string[]) => fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: keys.length });
const hostileId = fc.oneof(hostileString(60), fc.uuid());
/** Mostly the right value, so requests get past the first check and reach the data layer. */
const mostly = <T, U = unknown>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<U> = anyValue as fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: wrong, weight: 1 }) as fc.Arbitrary<T | U>;

/** The pages that show a registration, as its organization's member and as an admin. */
async function renderAll(id: string) {
  signInAs(memberOf(scene.org));
  await renderPages.registration(id);
  signInAs(adminUser(scene.admin));
  if (id !== scene.draftId) await renderPages.review(id);
  await renderPages.queue();
  await renderPages.audit({ registration: id });
}

describe("route handlers answer anything without a 500", () => {
  it("PUT /api/registrations/:id/draft", async () => {
    signInAs(memberOf(scene.org));
    const body = mostly(fc.record({ version: mostly(fc.constant(1)), data: mostly(shaped(FIELD_NAMES)), force: mostly(fc.constant(true)) }), hostileJson());
    await fc.assert(
      fc.asyncProperty(body, mostly(fc.constant(scene.draftId), hostileId), async (json, id) => {
        expectClearAnswer(await callRoute(draftRoute, { method: "PUT", params: { id }, body: json }));
      }),
      fuzz(60),
    );
    await renderAll(scene.draftId);
  });

  it("POST /api/registrations/validate", async () => {
    signInAs(null);
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileJson(), shaped(MANIFEST_ORDER)), async (json) => {
        expectClearAnswer(await callRoute(validateRoute, { body: json }));
      }),
      fuzz(50), // under the route's 60-a-minute limit
    );
  });

  it("POST /api/admin/registrations/:id/claim and /decision", async () => {
    signInAs(adminUser(scene.admin));
    const comment = fc.record({ field: mostly(fc.constantFrom(...FIELD_NAMES, null)), body: fc.oneof(hostileString(), longString, wrongType) });
    const decision = fc.record({
      revision: mostly(fc.constant(1)),
      decision: mostly(fc.constant("reject")),
      note: fc.oneof(hostileString(), longString, wrongType),
      comments: mostly(fc.array(comment, { maxLength: 4 })),
      take_over: fc.oneof(fc.boolean(), wrongType),
    });
    await fc.assert(
      fc.asyncProperty(mostly(decision, hostileJson()), mostly(fc.constant(scene.reviewId), hostileId), fc.boolean(), async (json, id, claim) => {
        expectClearAnswer(await callRoute(claim ? claimRoute : decisionRoute, { params: { id }, body: json }));
      }),
      fuzz(60),
    );
    await renderAll(scene.reviewId);
  });
});

describe("server actions answer anything without their generic error", () => {
  it("withdrawing, importing a manifest, commenting, deciding", async () => {
    const manifestText = fc.oneof(
      hostileString(200),
      hostileJson().map((json) => JSON.stringify(json)),
      shaped(MANIFEST_ORDER).map((changes) => JSON.stringify({ ...toManifest(valid(), "staging", null), ...changes })),
    );
    const runs = [
      // Withdrawing a draft is refused, so the scene stays as it is for the next run.
      { as: () => memberOf(scene.org), run: withdrawAction, payload: fc.record({ registrationId: mostly(fc.constant(scene.draftId), hostileId) }) },
      { as: () => memberOf(scene.org), run: importManifestAction, payload: fc.record({ manifest: mostly(manifestText) }) },
      {
        as: () => adminUser(scene.admin),
        run: commentAction,
        payload: fc.record({
          registrationId: mostly(fc.constant(scene.reviewId), hostileId),
          revision: mostly(fc.constant(1)),
          field: mostly(fc.constantFrom(...FIELD_NAMES, null)),
          body: anyValue,
        }),
      },
      // A refused decision leaves the revision in review for the next run; approving would need an authorization server.
      {
        as: () => adminUser(scene.admin),
        run: decisionAction,
        payload: fc.record({
          registrationId: mostly(fc.constant(scene.reviewId), hostileId),
          revision: fc.constant(1),
          decision: fc.constant("reject"),
          note: fc.oneof(hostileString(), wrongType),
        }),
      },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...runs.keys()).chain((which) => fc.tuple(fc.constant(which), mostly(runs[which]!.payload as fc.Arbitrary<unknown>, hostileJson()))),
        async ([which, payload]) => {
          const { as, run } = runs[which]!;
          signInAs(as());
          const input = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : { value: payload };
          expectHandled(await callAction(run as never, input));
        },
      ),
      fuzz(80),
    );
    await renderAll(scene.reviewId);
    await renderAll(scene.draftId);
  });
});

// A registration taken through the whole review with hostile text the rules accept, then every
// page that shows it: the partner's registration page, the review page, the queue and the audit log.
const story = fc.record({
  clientName: fc.string({ unit: nameUnit, minLength: 2, maxLength: 40 }),
  reason: acceptedString(0, 300),
  path: acceptedString(0, 30).map((s) => encodeURIComponent(s)),
  comment: acceptedString(1, 500),
  note: acceptedString(1, 1000),
  search: acceptedString(0, 30),
});

describe("what hostile input leaves stored never breaks a page", () => {
  it("draft, submit, claim, comment, request changes; then all four pages render", async () => {
    let submittedRuns = 0;
    await fc.assert(
      fc.asyncProperty(story, async (s) => {
        signInAs(memberOf(scene.org));
        const id = await draftRegistration(scene.org, valid({ logoId }));
        const data = valid({
          logoId,
          clientName: s.clientName,
          pkceSupport: "not_supported",
          pkceExceptionReason: `Our token library has no PKCE yet: ${s.reason}`,
          clientUri: `https://client.example/${s.path}`,
        });
        expectClearAnswer(await callRoute(draftRoute, { method: "PUT", params: { id }, body: { version: 1, data } }));
        const version = (await getDraft(scene.org.id, id))?.version ?? 1;
        // A name the rules refuse (too short once trimmed, or the brand) keeps it a draft: the review steps are then skipped.
        const submitted = await callAction(submitRegistrationAction, { registrationId: id, version });
        expectHandled(submitted);
        if (submitted.ok) {
          submittedRuns++;
          signInAs(adminUser(scene.admin));
          expectClearAnswer(await callRoute(claimRoute, { params: { id }, body: { revision: 1 } }));
          expectHandled(await callAction(commentAction, { registrationId: id, revision: 1, field: "pkceExceptionReason", body: s.comment }));
          const comments = [{ field: null, body: s.comment }];
          expectClearAnswer(await callRoute(decisionRoute, { params: { id }, body: { revision: 1, decision: "request_changes", note: s.note, comments } }));
          await renderPages.review(id);
        }
        signInAs(adminUser(scene.admin));
        await renderPages.queue({ q: s.search, status: "changes_requested" });
        await renderPages.audit({ actor: s.search, registration: id });
        signInAs(memberOf(scene.org));
        await renderPages.registration(id);
      }),
      fuzz(12),
    );
    expect(submittedRuns).toBeGreaterThan(6);
  });
});
