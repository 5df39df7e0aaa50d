// Shared by the hostile-input tests (not a test file itself): calling route handlers and
// server actions the way Next.js does, and rendering the pages that show what was stored.
// The test files mock the session (tests/support/fake-session.ts).
import { NextRequest } from "next/server";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, expect } from "vitest";
import { GENERIC_ERROR, type ActionResult } from "@/lib/actions/safe-action";
import { claimRevision } from "@/lib/db/review";
import type { Person } from "@/lib/db/actors";
import AuditPage from "@/app/admin/audit/page";
import QueuePage from "@/app/admin/page";
import ReviewPage from "@/app/admin/registrations/[id]/page";
import RegistrationPage from "@/app/(app)/registrations/[id]/page";
import { draftRegistration, organizationWithMember, staffAdmin, submittedRegistration, type Org } from "./review-support";

export type Scene = { org: Org; admin: Person; draftId: string; reviewId: string };

/** Call after withTestDatabase(): an organization with a draft, and a submission an admin has claimed. */
export function withScene(): Scene {
  const scene = {} as Scene;
  beforeAll(async () => {
    scene.org = await organizationWithMember("Hostile Input Ltd", "Pat Partner");
    scene.admin = await staffAdmin("Alice Admin");
    scene.draftId = await draftRegistration(scene.org);
    scene.reviewId = await submittedRegistration(scene.org);
    await claimRevision({ registrationId: scene.reviewId, revisionNumber: 1, admin: scene.admin });
  });
  return scene;
}

type Handler<P> = (request: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>;
type Call<P> = { params?: P; body?: unknown; query?: string; method?: string };

/** A route handler's answer to a JSON request (JSON.stringify escapes NUL and lone surrogates, as browsers do). */
export async function callRoute<P>(handler: Handler<P>, { params = {} as P, body, query = "", method = "POST" }: Call<P>) {
  const request = new NextRequest(`http://localhost:3999/api/test${query}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** Never a 500; a refusal is JSON with a message. */
export function expectClearAnswer(answer: Awaited<ReturnType<typeof callRoute>>) {
  expect(answer.status, answer.text).toBeLessThan(500);
  if (answer.status >= 400 && answer.json) expect(String(answer.json.error_description ?? "").length, answer.text).toBeGreaterThan(0);
}

type Action = (previous: null, payload: Record<string, unknown>) => Promise<ActionResult<unknown>>;

/** A server action's result; a redirect (how successful actions end) counts as success. */
export async function callAction(run: Action, payload: Record<string, unknown>): Promise<ActionResult<unknown> | { ok: true; redirect: string }> {
  try {
    return await run(null, payload);
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { ok: true, redirect: digest.split(";")[2] ?? "" };
    throw error;
  }
}

/** Never the generic "something went wrong" (the action's 500). */
export function expectHandled(result: Awaited<ReturnType<typeof callAction>>) {
  if (!result.ok) expect(result.error).not.toBe(GENERIC_ERROR);
}

const html = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const none = Promise.resolve({});

export const renderPages = {
  registration: (id: string) => html(RegistrationPage({ params: Promise.resolve({ id }), searchParams: none })),
  review: (id: string) => html(ReviewPage({ params: Promise.resolve({ id }), searchParams: none })),
  queue: (search: Record<string, string> = {}) => html(QueuePage({ searchParams: Promise.resolve(search) })),
  audit: (search: Record<string, string> = {}) => html(AuditPage({ searchParams: Promise.resolve(search) })),
};
