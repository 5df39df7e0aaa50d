import { expect, test } from "@playwright/test";

// Malformed requests get a clear 4xx (or the normal page), never a 500 or a stack trace.
test("malformed requests never get a 500", async ({ request }) => {
  const fakeAction = { "Next-Action": "0123456789abcdef0123456789abcdef01234567", "Content-Type": "text/plain;charset=UTF-8" };
  const cases: { name: string; run: () => ReturnType<typeof request.get> }[] = [
    { name: "unknown server action", run: () => request.post("/sign-in", { headers: fakeAction, data: '["x"]' }) },
    { name: "3 MB server action body", run: () => request.post("/sign-in", { headers: fakeAction, data: "a".repeat(3_000_000) }) },
    { name: "form post to a page", run: () => request.post("/sign-in", { form: { a: "b" } }) },
    { name: "forged sign-in grant", run: () => request.post("/api/auth/callback/grant", { form: { grant: "forged", csrfToken: "x" }, maxRedirects: 0 }) },
    { name: "unknown auth route", run: () => request.get("/api/auth/nope") },
    { name: "garbage session cookie", run: () => request.get("/api/auth/session", { headers: { Cookie: "authjs.session-token=garbage" } }) },
    { name: "invalid percent-encoding in the path", run: () => request.get("/invite/%E0%A4%A") },
    { name: "invalid percent-encoding in the query", run: () => request.get("/verify-email?token=%E0%A4%A") },
    { name: "5,000-character token", run: () => request.get(`/verify-email?token=${"a".repeat(5000)}`) },
    { name: "non-UUID organization id", run: () => request.get("/orgs/%27%3B--/members", { maxRedirects: 0 }) },
  ];
  for (const c of cases) {
    const response = await c.run();
    expect(response.status(), c.name).toBeLessThan(500);
    const body = await response.text();
    expect(body, c.name).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/); // no stack frames
  }
  const bad = await request.get("/invite/%E0%A4%A");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("invalid percent-encoding");
});
