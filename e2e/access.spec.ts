import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, anonymousContext, OTHER, PARTNER_STATE, expectAccessible, signIn } from "./support/accounts";
import { importDraft, uploadLogo } from "./support/registrations";

test.describe("a partner", () => {
  test.use({ storageState: PARTNER_STATE });

  test("is refused every admin page with 404", async ({ page }) => {
    for (const path of ["/admin", "/admin/outbox"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: /does not exist, or you do not have access/ })).toBeVisible();
    }
    await expectAccessible(page);
  });

  test("gets 404 for another organization's members page", async ({ page, browser }) => {
    const other = await anonymousContext(browser);
    const otherPage = await other.newPage();
    await signIn(otherPage, OTHER.email, OTHER.password);
    await expect(otherPage).toHaveURL(/\/registrations$/);
    const otherTeamHref = await otherPage.getByRole("link", { name: "Team" }).getAttribute("href");
    await other.close();
    expect(otherTeamHref).toMatch(/^\/orgs\/[0-9a-f-]{36}\/members$/);

    const response = await page.goto(otherTeamHref!);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(OTHER.org)).toHaveCount(0);
    // A malformed id is the same 404, never a 500.
    expect((await page.goto("/orgs/not-a-uuid/members"))?.status()).toBe(404);
  });

  // Pen-test finding: a signed-in visitor of /sign-in is redirected to callbackUrl, and
  // "/.//evil.example" came back as "Location: //evil.example".
  test("is never redirected off-site by a crafted callbackUrl", async ({ page }) => {
    const variants = [
      "/.//evil.example",
      "/%2e%2e//evil.example",
      "/%2E//evil.example",
      "/a/..//evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%2f%2fevil.example",
      "/\t//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
    ];
    for (const value of variants) {
      const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
      expect(response.status(), value).toBe(307);
      const location = response.headers()["location"]!;
      expect(location, value).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, "http://localhost").host, value).toBe("localhost");
    }
  });

  // These pages have loading states, which stream with status 200 before a page inside them
  // runs: the access checks must come first for the status to be 404.
  test("gets 404 for another organization's test-run pages, and for unknown runs", async ({ page, browser }) => {
    const other = await anonymousContext(browser);
    const otherPage = await other.newPage();
    await signIn(otherPage, OTHER.email, OTHER.password);
    await expect(otherPage).toHaveURL(/\/registrations$/);
    const theirs = await importDraft(otherPage, `Other Runs ${Date.now().toString(36)}`);
    await other.close();

    for (const path of [
      `/registrations/${theirs}/test-runs`,
      `/registrations/${theirs}/test-runs/tools`,
      `/registrations/${theirs}/test-runs/${randomUUID()}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: /does not exist, or you do not have access/ })).toBeVisible();
      await expect(page.getByText("Other Runs")).toHaveCount(0);
    }

    const mine = await importDraft(page, `Own Runs ${Date.now().toString(36)}`);
    expect((await page.goto(`/registrations/${mine}/test-runs`))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Test runs", level: 1 })).toBeVisible();
    await expectAccessible(page);
    expect((await page.goto(`/registrations/${mine}/test-runs/tools`))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Authorization URLs and Postman", level: 1 })).toBeVisible();
    for (const run of [randomUUID(), "not-a-uuid"]) {
      expect((await page.goto(`/registrations/${mine}/test-runs/${run}`))?.status(), run).toBe(404);
    }
  });
});

test("anonymous visitors are sent to sign-in and come back afterwards", async ({ page }) => {
  await page.goto("/registrations");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fregistrations/);
  await expectAccessible(page);
});

test("a tampered session cookie counts as signed out, not as an error", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: PARTNER_STATE });
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "authjs.session-token");
  expect(session).toBeDefined();
  await context.addCookies([{ ...session!, value: session!.value.slice(0, -6) + "AAAAAA" }]);
  const page = await context.newPage();
  const response = await page.goto(`${baseURL}/registrations`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await context.close();
});

test("unknown pages get the 404 page", async ({ page }) => {
  const response = await page.goto("/this/does/not/exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
  await expectAccessible(page);
});

test.describe("an admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("sees the review queue, the organizations and the outbox", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Organizations" }).click();
    await expect(page.getByRole("cell", { name: "Example Client Ltd" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Outbox (development)" }).click();
    await expect(page.getByRole("heading", { name: "Development outbox" })).toBeVisible();
    await expectAccessible(page);
  });
});

test("every response carries the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Secure cookies and HSTS are for APP_ENV=production only; the embedded default is plain http.
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test.describe("route handlers", () => {
  test.use({ storageState: PARTNER_STATE });

  test("keep their own Content-Security-Policy, or get a strict one, never the page's", async ({ page }) => {
    const logoId = await uploadLogo(page, await importDraft(page, `CSP Logo ${Date.now().toString(36)}`));
    const logo = await page.request.get(`/api/logos/${logoId}`);
    expect(logo.status()).toBe(200);
    expect(logo.headers()["content-security-policy"]).toBe("default-src 'none'");

    const strict = "default-src 'none'; frame-ancestors 'none'";
    const api = await page.request.post("/api/registrations/validate", { data: {} });
    expect(api.status()).toBe(400);
    expect(api.headers()["content-security-policy"]).toBe(strict);
    const session = await page.request.get("/api/auth/session");
    expect(session.headers()["content-security-policy"]).toBe(strict);
    const sandbox = await page.request.get("/sandbox/v1/users/me");
    expect(sandbox.status()).toBe(401);
    expect(sandbox.headers()["content-security-policy"]).toBe(strict);
    // Pages keep the per-request policy with its nonce.
    const pageResponse = await page.request.get("/registrations");
    expect(pageResponse.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  });
});
