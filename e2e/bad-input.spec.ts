import { expect, test, type Page } from "@playwright/test";
import { PARTNER } from "./support/accounts";

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

/** The id of a real server action and the headers Chromium sent with it (signing in). */
async function signInActionFromBrowser(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(PARTNER.email);
  await page.getByLabel("Password", { exact: true }).fill(PARTNER.password);
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const request = await sent;
  await expect(page).toHaveURL(/\/registrations$/);
  return { id: request.headers()["next-action"]!, headers: await request.allHeaders() };
}

const NO_STACK = /\bat [\w.<>]+ \(.*:\d+:\d+\)/;

test("server actions from another origin, or without one, get 403 before Next.js sees them", async ({ page, request, baseURL }) => {
  const { id, headers } = await signInActionFromBrowser(page);
  // Chromium sends Origin on a same-origin POST, so requiring it costs real users nothing.
  expect(headers.origin).toBe(baseURL);

  const body = "[null,{}]";
  const action = (extra: Record<string, string>) => ({ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", ...extra });
  const host = new URL(baseURL!).host;
  const refused: [string, Record<string, string>][] = [
    ["another site", action({ Origin: "https://evil.example" })],
    ["no Origin at all", action({})],
    ["an opaque origin", action({ Origin: "null" })],
    ["a malformed Origin", action({ Origin: "garbage" })],
    ["127.0.0.1 while the Host is localhost", action({ Origin: `http://127.0.0.1:${new URL(baseURL!).port}` })],
    // Without TRUST_PROXY, server.mjs drops X-Forwarded-Host, so it cannot vouch for a foreign Origin.
    ["a spoofed X-Forwarded-Host", action({ Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" })],
    ["an unknown action from another site", action({ Origin: "https://evil.example", "Next-Action": "7f" + "0".repeat(40) })],
  ];
  for (const [name, sent] of refused) {
    const response = await request.post("/sign-in", { headers: sent, data: body });
    expect(response.status(), name).toBe(403);
    expect(response.headers()["content-type"], name).toBe("text/plain; charset=utf-8");
    expect(await response.text(), name).toMatch(/^Forbidden: this request was refused because .+\.\n$/);
  }

  // A form posted without JavaScript (no Next-Action header) is a server action too.
  const form = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example" },
    multipart: { [`$ACTION_ID_${id}`]: "" },
  });
  expect(form.status()).toBe(403);

  // The same request from the portal's own origin still reaches the action (which asks for the fields).
  const own = await request.post("/sign-in", { headers: action({ Origin: baseURL!, Host: host }), data: body });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain("Some fields need your attention.");
});

// Pen-test style: Next.js runs server actions on its not-found page, which used to answer any
// unknown /api/ or /sandbox/v1/ address. A form posted there from another site got a 500 from
// Next.js's own Origin check; one with no Origin ran the action. Those addresses are route
// handlers now (app/api/[[...path]], app/sandbox/v1/[[...path]]): a JSON 404 for every method.
test("unknown API addresses answer a JSON 404 to every method, and never run a server action", async ({ page, request, baseURL }) => {
  const { id } = await signInActionFromBrowser(page);
  const expectNotFound = async (response: Awaited<ReturnType<typeof request.get>>, name: string) => {
    expect(response.status(), name).toBe(404);
    expect(response.headers()["content-type"], name).toMatch(/^application\/json/);
    expect(await response.json(), name).toEqual({ error: "not_found", error_description: "Nothing exists at this address." });
  };
  for (const path of ["/api", "/api/no-such-route", "/api/registrations/x/y/z", "/sandbox/v1/no-such-resource"]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) await expectNotFound(await request.fetch(path, { method }), `${method} ${path}`);
    const action = { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" };
    await expectNotFound(
      await request.post(path, { headers: { ...action, Origin: "https://evil.example" }, data: "[null,{}]" }),
      `cross-site action to ${path}`,
    );
    // From the portal's own origin the sign-in action would answer "Some fields need your attention."
    await expectNotFound(await request.post(path, { headers: { ...action, Origin: baseURL! }, data: "[null,{}]" }), `same-origin action to ${path}`);
    const form = { multipart: { [`$ACTION_ID_${id}`]: "", email: "x@example.com" } };
    await expectNotFound(await request.post(path, { headers: { Origin: "https://evil.example" }, ...form }), `cross-site form to ${path}`);
    await expectNotFound(await request.post(path, form), `form without Origin to ${path}`);
  }
});

// What Next.js answers to junk server-action requests from our own origin (documented in the
// README): a clear 4xx where the request itself is wrong, and never a stack trace or an error
// message, even where React cannot decode the body.
test("junk server-action bodies get a plain refusal or an error digest, never detail", async ({ page, request, baseURL }) => {
  const { id } = await signInActionFromBrowser(page);
  const post = (actionId: string, data: string, contentType = "text/plain;charset=UTF-8") =>
    request.post("/sign-in", { headers: { "Next-Action": actionId, "Content-Type": contentType, Origin: baseURL! }, data });

  const unknown = await post("7f" + "0".repeat(40), '["x"]');
  expect(unknown.status()).toBe(409);
  expect(await unknown.text()).toBe("Server Action unavailable.");
  for (const malformed of ["0123456789abcdef0123456789abcdef01234567", "not-an-action"]) {
    const response = await post(malformed, '["x"]');
    expect(response.status(), malformed).toBe(400);
    expect(await response.text(), malformed).toBe("Invalid Server Action request.");
  }
  const tooLarge = await post(id, `["${"a".repeat(1_100_000)}"]`);
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.text()).toBe("Payload too large: a form submission is limited to 1 MB.\n");

  for (const [name, data, type] of [
    ["not JSON", "garbage", undefined],
    ["empty", "", undefined],
    ["a broken multipart body", "--xyz\r\nnot a part\r\n--xyz--", "multipart/form-data; boundary=xyz"],
  ] as const) {
    const response = await post(id, data, type);
    const text = await response.text();
    // React's flight format: row 1 is the action's outcome, here only an error digest.
    expect(text, name).toMatch(/^0:\{.*\}\n1:E\{"digest":"\d+"\}\n$/);
    expect(text, name).not.toMatch(NO_STACK);
    expect(text, name).not.toMatch(/SyntaxError|JSON|Malformed/);
  }
});
