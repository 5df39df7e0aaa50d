import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getTestRun, listTestRuns, registrationSummary } from "@/lib/db/test-runs";
import { loadTestConnectionPanel } from "@/lib/test-connection/panel";
import type { Step } from "@/lib/test-connection/types";
import { TestConnectionPanel } from "@/components/test-connection/test-connection-panel";
import TestRunPage from "@/app/(app)/registrations/[id]/test-runs/[runId]/page";
import TestRunsPage from "@/app/(app)/registrations/[id]/test-runs/page";

// Server-rendered markup of the panel and the two pages, with the data layer replaced: what a
// partner reads, and that nothing is conveyed by colour alone.

const ORG = "11111111-1111-4111-8111-111111111111";
const REG = "22222222-2222-4222-8222-222222222222";
const RUN = "33333333-3333-4333-8333-333333333333";
const CALLBACK = "http://localhost:3000/api/test-connection/callback";

vi.mock("@/lib/auth/guards", () => ({
  requireOrgMember: vi.fn(async () => ({ id: "u1", membership: { role: "OWNER", organization: { id: ORG, name: "Acme" } } })),
}));
vi.mock("@/lib/db/test-runs", () => ({ getTestRun: vi.fn(), listTestRuns: vi.fn(), registrationSummary: vi.fn(), expireStaleRuns: vi.fn() }));
vi.mock("@/lib/test-connection/panel", () => ({ loadTestConnectionPanel: vi.fn() }));
vi.mock("@/lib/env", () => ({ env: () => ({ appUrl: "http://localhost:3000", brandName: "Pleo", oauth: {} }) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const html = (element: ReactElement) => renderToStaticMarkup(element);
const at = "2026-11-23T10:00:00.000Z";
const steps: Step[] = [
  {
    id: "authorization_request",
    title: "Authorization request",
    status: "passed",
    startedAt: at,
    durationMs: 14,
    scopes: { requested: ["users:read", "openid"], granted: [] },
    http: { request: { method: "GET", url: "http://localhost:3000/oidc/oauth/authorize?state=abcd…[redacted]", headers: {}, body: null } },
  },
  { id: "consent", title: "Sign-in and consent", status: "passed", startedAt: at, durationMs: 8200 },
  { id: "callback", title: "Callback", status: "passed", startedAt: at, durationMs: 0 },
  {
    id: "token_exchange",
    title: "Token exchange",
    status: "failed",
    startedAt: at,
    durationMs: 31,
    explanation: { code: "invalid_client", problem: "The server did not accept the client's credentials.", fix: "Use the current client secret." },
    http: {
      request: {
        method: "POST",
        url: "http://localhost:3000/oidc/oauth/token",
        headers: { authorization: "Basic [redacted]" },
        body: { code: "abcd…[redacted]" },
      },
      response: { status: 401, headers: {}, body: { error: "invalid_client" } },
    },
    scopes: { requested: ["users:read", "openid"], granted: [] },
  },
  { id: "api_call", title: "API call", status: "skipped", startedAt: at, durationMs: 0, summary: "Not run: an earlier step failed." },
  { id: "refresh", title: "Refresh", status: "skipped", startedAt: at, durationMs: 0, summary: "Not run: an earlier step failed." },
];

beforeEach(() => {
  vi.mocked(registrationSummary).mockResolvedValue({ id: REG, clientName: "Acme Books", environment: "STAGING" } as never);
  vi.mocked(loadTestConnectionPanel).mockResolvedValue({
    registrationId: REG,
    callbackRegistered: true,
    needsSecret: false,
    registeredRedirectUris: [CALLBACK],
  });
  vi.mocked(getTestRun).mockResolvedValue({
    id: RUN,
    registrationId: REG,
    status: "failed",
    scope: "users:read openid",
    redirectUri: CALLBACK,
    steps,
    createdAt: new Date(at),
    completedAt: new Date(Date.parse(at) + 9000),
    expiresAt: new Date(Date.parse(at) + 600_000),
    startedBy: "Pat",
    startedById: "u1",
  } as never);
  vi.mocked(listTestRuns).mockResolvedValue([]);
});

describe("the run page", () => {
  it("shows every step with its status in words, the explanation and the links", async () => {
    const out = html(await TestRunPage({ params: Promise.resolve({ id: REG, runId: RUN }), searchParams: Promise.resolve({}) }));
    for (const text of [
      "Failed at: Token exchange",
      "The server did not accept the client",
      "How to fix it",
      "Use the current client secret.",
      "Passed",
      "Skipped",
      "Back to the registration",
      "Run again",
      "Basic [redacted]",
      "14 ms",
      "8.2 s",
      // The server's time zone is nobody's in particular: the time says which clock it is.
      "started 23 Nov 2026, 10:00:00 UTC by Pat",
    ]) {
      expect(out).toContain(text);
    }
    expect(out).toContain("<details");
    expect(out).toContain(`action="/api/test-connection/start"`);
  });

  it("explains a replayed callback", async () => {
    const out = html(await TestRunPage({ params: Promise.resolve({ id: REG, runId: RUN }), searchParams: Promise.resolve({ notice: "replayed" }) }));
    expect(out).toContain("This callback was already used");
  });

  it("is a 404 for another organization's run", async () => {
    vi.mocked(getTestRun).mockResolvedValue(null);
    await expect(TestRunPage({ params: Promise.resolve({ id: REG, runId: RUN }), searchParams: Promise.resolve({}) })).rejects.toThrow("NEXT_NOT_FOUND");
  });
});

describe("the history page", () => {
  it("has an empty state, and explains a refused start", async () => {
    const out = html(await TestRunsPage({ params: Promise.resolve({ id: REG }), searchParams: Promise.resolve({ problem: "secret_required" }) }));
    expect(out).toContain("No test runs yet");
    expect(out).toContain("The test could not be started");
    expect(out).toContain("Enter the client secret for this one run");
  });

  it("lists runs newest first with status, when and who", async () => {
    vi.mocked(listTestRuns).mockResolvedValue([
      {
        id: RUN,
        status: "passed",
        createdAt: new Date(at),
        completedAt: new Date(Date.parse(at) + 9000),
        expiresAt: new Date(at),
        scope: "",
        startedBy: "Pat",
      },
    ] as never);
    const out = html(await TestRunsPage({ params: Promise.resolve({ id: REG }), searchParams: Promise.resolve({}) }));
    expect(out).toContain("Passed");
    expect(out).toContain("Pat");
    expect(out).toContain(`/registrations/${REG}/test-runs/${RUN}`);
  });
});

describe("the panel", () => {
  it("shows the start button, with a secret field when needed", () => {
    const out = html(createElement(TestConnectionPanel, { registrationId: REG, callbackRegistered: true, needsSecret: true }));
    expect(out).toContain("Test connection");
    expect(out).toContain(`name="secret"`);
    expect(out).toContain(`type="password"`);
  });

  it("without the callback: the exact URI to add, a copy button and the steps", () => {
    const out = html(
      createElement(TestConnectionPanel, { registrationId: REG, callbackRegistered: false, needsSecret: false, registeredRedirectUris: [`${CALLBACK}/`] }),
    );
    expect(out).toContain(CALLBACK);
    expect(out).toContain("Copy Test connection callback URI");
    expect(out).toContain("This portal&#x27;s Test connection");
    expect(out).toContain("a trailing slash");
    expect(out).not.toContain(`action="/api/test-connection/start"`);
  });
});
