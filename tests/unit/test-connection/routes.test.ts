import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "@/lib/auth/guards";
import { currentClientSecret, getClientCredentials } from "@/lib/db/credentials";
import { completeRun, startRun } from "@/lib/test-connection/flow";
import { POST } from "@/app/api/test-connection/start/route";
import { GET } from "@/app/api/test-connection/callback/route";

// The two route handlers with the session, credentials and flow replaced: what they accept,
// refuse and answer (the flow itself is covered by the integration tests).

vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: vi.fn(),
  isMember: (user: { membership?: unknown } | null) => Boolean(user?.membership),
  isAdmin: () => false,
}));
vi.mock("@/lib/db/credentials", () => ({ getClientCredentials: vi.fn(), currentClientSecret: vi.fn() }));
vi.mock("@/lib/test-connection/flow", () => ({ startRun: vi.fn(), completeRun: vi.fn() }));
vi.mock("@/lib/env", () => ({ env: () => ({ appUrl: "http://localhost:3000", brandName: "Pleo", oauth: {} }) }));

const ORG = "11111111-1111-4111-8111-111111111111";
const REG = "22222222-2222-4222-8222-222222222222";
const RUN = "33333333-3333-4333-8333-333333333333";
const CALLBACK = "http://localhost:3000/api/test-connection/callback";
const member = { id: "44444444-4444-4444-8444-444444444444", membership: { role: "MEMBER", organization: { id: ORG, name: "Acme" } } };
const credentials = (overrides: object = {}) => ({
  registrationId: REG,
  organizationId: ORG,
  clientId: "client-1",
  issuer: "http://localhost:3000/oidc",
  mode: "DYNAMIC",
  tokenEndpointAuthMethod: "client_secret_basic",
  redirectUris: [CALLBACK, "https://acme.example/cb"],
  scopes: ["users:read"],
  revoked: false,
  ...overrides,
});
const AUTH_URL = "http://localhost:3000/oidc/oauth/authorize?client_id=client-1";

const post = (body: string, type: string, headers: Record<string, string> = {}) =>
  POST(
    new NextRequest("http://localhost:3000/api/test-connection/start", {
      method: "POST",
      body,
      headers: { "content-type": type, "sec-fetch-site": "same-origin", ...headers },
    }),
    { params: Promise.resolve({}) },
  );
const form = (fields: Record<string, string>, headers?: Record<string, string>) =>
  post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", headers);
const json = (body: object) => post(JSON.stringify(body), "application/json");

beforeEach(() => {
  vi.mocked(getCurrentUser).mockResolvedValue(member as never);
  vi.mocked(getClientCredentials).mockResolvedValue(credentials() as never);
  vi.mocked(currentClientSecret).mockResolvedValue("0123456789abcdef0123456789abcd");
  vi.mocked(startRun).mockResolvedValue({ ok: true, runId: RUN, authorizationUrl: AUTH_URL, expiresAt: new Date() });
});

describe("POST /api/test-connection/start", () => {
  it("a form post is answered 303 to the authorization endpoint, with the registration's client, scopes and the portal's callback", async () => {
    const response = await form({ registration_id: REG });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(AUTH_URL);
    expect(vi.mocked(startRun).mock.calls.at(-1)?.[0]).toMatchObject({
      registrationId: REG,
      userId: member.id,
      redirectUri: CALLBACK,
      scopes: ["users:read"],
      client: { issuer: "http://localhost:3000/oidc", clientId: "client-1", tokenEndpointAuthMethod: "client_secret_basic" },
    });
    expect(vi.mocked(startRun).mock.calls.at(-1)?.[0].oneTimeSecret).toBeUndefined();
  });

  it("a form or JSON body with a NUL is refused with 400 before anything starts, naming the field", async () => {
    const started = vi.mocked(startRun).mock.calls.length;
    for (const response of [await form({ registration_id: REG, secret: "abc\u0000" }), await json({ registration_id: REG, secret: "abc\u0000" })]) {
      expect(response.status).toBe(400);
      expect((await response.json()).error_description).toMatch(/^The (form|request body) field "secret" contains a NUL character \(U\+0000\)/);
    }
    expect(vi.mocked(startRun).mock.calls.length).toBe(started);
  });

  it("JSON gets the URL to go to", async () => {
    const response = await json({ registration_id: REG });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ run_id: RUN, authorization_url: AUTH_URL });
  });

  it("does not start when the callback is not registered, and shows the comparison", async () => {
    vi.mocked(getClientCredentials).mockResolvedValue(credentials({ redirectUris: [`${CALLBACK}/`] }) as never);
    const response = await json({ registration_id: REG });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error).toBe("callback_not_registered");
    expect(body.fix).toMatch(/This portal's Test connection/);
    expect(body.comparison.candidates[0].differences).toEqual(["a trailing slash"]);
    expect(startRun).not.toHaveBeenCalledWith(expect.objectContaining({ registrationId: REG, redirectUri: `${CALLBACK}/` }));
    const viaForm = await form({ registration_id: REG });
    expect(viaForm.status).toBe(303);
    expect(viaForm.headers.get("location")).toBe(`/registrations/${REG}/test-runs?problem=callback_not_registered`);
  });

  it("a manually linked confidential client needs the secret for this run only", async () => {
    vi.mocked(getClientCredentials).mockResolvedValue(credentials({ mode: "MANUAL" }) as never);
    vi.mocked(startRun).mockClear();
    expect((await json({ registration_id: REG })).status).toBe(422);
    expect(startRun).not.toHaveBeenCalled();
    expect((await json({ registration_id: REG, secret: "  the-secret-value  " })).status).toBe(200);
    expect(vi.mocked(startRun).mock.calls.at(-1)?.[0].oneTimeSecret).toBe("the-secret-value");
  });

  it("a public client uses no secret", async () => {
    vi.mocked(getClientCredentials).mockResolvedValue(credentials({ tokenEndpointAuthMethod: "none", mode: "MANUAL" }) as never);
    expect((await json({ registration_id: REG })).status).toBe(200);
    expect(vi.mocked(startRun).mock.calls.at(-1)?.[0].oneTimeSecret).toBeUndefined();
  });

  it("refuses revoked, unknown or other organizations' registrations", async () => {
    vi.mocked(getClientCredentials).mockResolvedValue(credentials({ revoked: true }) as never);
    expect((await json({ registration_id: REG })).status).toBe(409);
    vi.mocked(getClientCredentials).mockResolvedValue(null);
    expect((await json({ registration_id: REG })).status).toBe(404);
  });

  it("goes to the timeline when the run failed before leaving", async () => {
    vi.mocked(startRun).mockResolvedValue({ ok: false, runId: RUN, problem: "server_unreachable" });
    const response = await form({ registration_id: REG });
    expect(response.headers.get("location")).toBe(`/registrations/${REG}/test-runs/${RUN}`);
  });

  it("400 for a bad body, 403 from another site, 401 signed out", async () => {
    expect((await json({ registration_id: "nope" })).status).toBe(400);
    expect((await form({ registration_id: REG }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    expect((await json({ registration_id: REG })).status).toBe(401);
  });
});

describe("GET /api/test-connection/callback", () => {
  const get = (query: string) => GET(new NextRequest(`${CALLBACK}${query}`), { params: Promise.resolve({}) });

  it("a completed run goes to its timeline", async () => {
    vi.mocked(completeRun).mockResolvedValue({ outcome: "completed", runId: RUN, registrationId: REG, status: "passed" });
    const response = await get("?code=abc&state=xyz&iss=http%3A%2F%2Flocalhost%3A3000%2Foidc");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/registrations/${REG}/test-runs/${RUN}`);
    expect(vi.mocked(completeRun).mock.calls.at(-1)?.[0]).toMatchObject({ userId: member.id });
  });

  it("a replayed or expired callback goes to the run with a notice", async () => {
    vi.mocked(completeRun).mockResolvedValue({ outcome: "replayed", runId: RUN, registrationId: REG });
    expect((await get("?code=abc&state=xyz")).headers.get("location")).toBe(`/registrations/${REG}/test-runs/${RUN}?notice=replayed`);
  });

  it("a forged state is a readable page, never a 500", async () => {
    vi.mocked(completeRun).mockResolvedValue({ outcome: "rejected", problem: "state_unknown" });
    const response = await get("?code=abc&state=forged&error=access_denied");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain("does not belong to a test run");
    expect(html).toContain("access_denied");
  });

  it("escapes what the server sent", async () => {
    vi.mocked(completeRun).mockResolvedValue({ outcome: "rejected", problem: "state_missing" });
    const html = await (await get(`?error=${encodeURIComponent("<script>alert(1)</script>")}`)).text();
    expect(html).not.toContain("<script>");
  });

  it("an over-long parameter is treated as tampered", async () => {
    const response = await get(`?state=${"x".repeat(600)}`);
    expect(response.status).toBe(400);
  });

  it("a failure inside is a page with a generic message", async () => {
    vi.mocked(completeRun).mockRejectedValue(new Error("database password is hunter2"));
    const response = await get("?code=abc&state=xyz");
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain("hunter2");
  });

  it("signed out: sign in, then come back to the same callback", async () => {
    vi.mocked(getCurrentUser).mockResolvedValue(null);
    const response = await get("?code=abc&state=xyz");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/api/test-connection/callback?code=abc&state=xyz")}`);
  });
});
