import { expect, test, type APIResponse, type Page } from "@playwright/test";
import fc from "fast-check";
import { fuzz, hostileJson, hostileString } from "../tests/support/hostile";
import { ADMIN_STATE, PARTNER_STATE } from "./support/accounts";
import { importDraft, submitRegistration } from "./support/registrations";

// Hostile input over real HTTP, against the production build (issue 9): text the database
// cannot hold is refused at the edge with a clear message, wherever it enters (JSON bodies,
// path segments, query strings, server-action payloads); text it can hold is stored and every
// page that shows it answers 200. The unit and integration suites fuzz much more; this checks
// that the running server behaves the same.

const NO_STACK = /\bat [\w.<>]+ \(.*:\d+:\d+\)/;

async function expectClear(response: APIResponse, name: string) {
  expect(response.status(), name).toBeLessThan(500);
  expect(await response.text(), name).not.toMatch(NO_STACK);
}

/** The server action a click sends, with its id. */
async function actionOf(page: Page, click: () => Promise<void>) {
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await click();
  return (await sent).headers()["next-action"]!;
}

test.describe("as a partner", () => {
  test.use({ storageState: PARTNER_STATE });

  test("NUL and lone surrogates are refused with 400 in bodies, paths and queries; random bodies never get a 500", async ({ page, baseURL }) => {
    const id = await importDraft(page, `Hostile Draft ${Date.now().toString(36)}`);
    const put = (body: string, path = id) =>
      page.request.put(`/api/registrations/${path}/draft`, { headers: { "Content-Type": "application/json" }, data: body });

    const nul = await put(JSON.stringify({ version: 1, data: { clientName: "Acme\u0000" } }));
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error_description).toBe(
      'The request body field "data.clientName" contains a NUL character (U+0000), which cannot be stored: remove it and try again.',
    );
    const surrogate = await put('{"version": 1, "data": {"clientName": "Acme \\ud800"}}');
    expect(surrogate.status()).toBe(400);
    expect((await surrogate.json()).error_description).toContain("unpaired UTF-16 surrogate");

    const path = await put(JSON.stringify({ version: 1, data: {} }), "%00");
    expect(path.status()).toBe(400);
    expect((await path.json()).error_description).toBe(
      'The path segment "id" contains a NUL character (U+0000), which cannot be stored: remove it and try again.',
    );
    const query = await page.request.get(`/api/registrations/${id}/postman?kind=%00`);
    expect(query.status()).toBe(400);
    expect((await query.json()).error_description).toContain('The query parameter "kind" contains a NUL character');

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson(),
          fc.record({ version: fc.constant(1), data: fc.dictionary(fc.constantFrom("clientName", "contacts", "pkceExceptionReason"), hostileString()) }),
        ),
        async (json) => {
          await expectClear(await put(JSON.stringify(json)), JSON.stringify(json));
        },
      ),
      fuzz(25),
    );
    await expectClear(await page.request.get(`/registrations/${id}`), "the registration page");

    // The same rule inside a server action, called by its Next-Action id as the browser does.
    await page.goto("/registrations/import");
    await page.getByLabel("Manifest JSON").fill("{");
    const importId = await actionOf(page, () => page.getByRole("button", { name: "Import as a new draft" }).click());
    const post = (payload: string) =>
      page.request.post("/registrations/import", {
        headers: { "Next-Action": importId, "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL! },
        data: `[null,${payload}]`,
      });
    const raw = await post('{"manifest": "\\udc00"}');
    expect(raw.status()).toBe(200);
    expect(await raw.text()).toContain('The form field \\"manifest\\" contains a broken character');
    const escaped = await post(JSON.stringify({ manifest: JSON.stringify({ client_name: "Acme\u0000" }) }));
    expect(await escaped.text()).toContain('The manifest field \\"client_name\\" contains a NUL character');
  });
});

test("hostile text the rules accept is stored, and every page that shows it answers 200", async ({ browser }) => {
  const partnerContext = await browser.newContext({ storageState: PARTNER_STATE });
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const partner = await partnerContext.newPage();
  const odd = "\u202eevil\u202c \u200d👩🏽‍💻 аррӏе <script>alert(1)</script> {{7*7}} \u0007bell ✓";
  const name = `Аррӏе Bücher 😀 ${Date.now().toString(36)}`;
  const id = await submitRegistration(partner, name, {
    client_uri: `https://reviewed.example/${encodeURIComponent("caf\u00e9 😀")}`,
    pkce_supported: false,
    pkce_exception_reason: `Our token library has no PKCE yet. ${odd} ${"x".repeat(300)}`,
  });

  const admin = await adminContext.newPage();
  expect((await admin.request.post(`/api/admin/registrations/${id}/claim`, { data: { revision: 1 } })).status()).toBe(200);
  const decision = await admin.request.post(`/api/admin/registrations/${id}/decision`, {
    data: { revision: 1, decision: "request_changes", note: `Please explain. ${odd}\r\nSecond line`, comments: [{ field: "pkceExceptionReason", body: odd }] },
  });
  expect(decision.status(), await decision.text()).toBe(200);

  const pages: [Page, string][] = [
    [partner, `/registrations/${id}`],
    [admin, `/admin/registrations/${id}`],
    [admin, `/admin?q=${encodeURIComponent(odd)}`],
    [admin, `/admin?q=${encodeURIComponent(name.slice(0, 6))}`],
    [admin, `/admin/audit?registration=${id}&actor=${encodeURIComponent(odd)}`],
    [admin, `/admin/audit?registration=${id}`],
  ];
  for (const [page, url] of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), url).toBeVisible();
  }
  await partner.goto(`/registrations/${id}`);
  await expect(partner.locator("blockquote")).toContainText("Please explain.");

  // Searches with text that cannot be stored: the page says the filter was not applied.
  for (const url of ["/admin?q=%00acme", "/admin/audit?actor=%00&action=revision%00"]) {
    const response = await admin.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(admin.getByText(/filter was not applied: it contains a NUL character/).first()).toBeVisible();
  }
  // A Previous/Next position edited by hand: the first page, and a word on why.
  for (const url of ["/admin?page=7&after=12.not-a-row", "/admin?before=%27%3B--&status=approved"]) {
    const response = await admin.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(admin.getByText("The link's position in the queue could not be read, so this is the first page.")).toBeVisible();
  }
  await partnerContext.close();
  await adminContext.close();
});
