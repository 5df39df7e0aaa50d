// Two portal instances on one PostgreSQL, behind a round-robin proxy on loopback that gives
// them one origin (no sticky sessions), with the same secrets and TRUST_PROXY. Each test proves
// one thing that several instances must share; the last ones stop the database and kill an
// instance outright.
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { startPostgres } from "../scripts/lib/postgres.mjs";
import { loopbackSmtp, type LoopbackSmtp } from "../tests/support/smtp";
import { stepAt, totpCode } from "../lib/security/totp";
import { ADMIN, PARTNER, formAlert, signIn, signInStaffWithTotp } from "./support/accounts";
import { expectAcknowledgedSaves, startBurst } from "./support/autosave-burst";
import { mailText } from "./support/mail-text";
import { startPortal, type Portal } from "./support/portal-server";
import { startRoundRobin, type RoundRobin } from "./support/round-robin-proxy";
import { importDraft, submitRegistration } from "./support/registrations";

const BASE = Number(process.env.E2E_PORT ?? 3200) + 20;
const SECOND_ADMIN = "second-admin@platform.test";
test.describe.configure({ mode: "serial" });

let cluster: Awaited<ReturnType<typeof startPostgres>>;
let databaseUrl: string;
let smtp: LoopbackSmtp;
let proxy: RoundRobin;
let instances: Portal[] = [];
let vars: Record<string, string>;

async function startInstance(index: number, extra: Record<string, string> = {}) {
  return startPortal(BASE + index, { ...vars, ...extra, DATA_DIR: `.data/e2e-instance-${BASE + index}` });
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startPostgres();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("CREATE DATABASE portal");
  await admin.end();
  databaseUrl = cluster.url.replace(/\/postgres$/, "/portal");
  smtp = await loopbackSmtp();
  await smtp.start();
  proxy = await startRoundRobin(BASE + 2, [BASE, BASE + 1]);
  vars = {
    DATABASE_URL: databaseUrl,
    APP_URL: proxy.url,
    TRUST_PROXY: "true",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    SMTP_URL: smtp.url,
    MAIL_RETRY_INTERVAL_SECONDS: "1",
    MAIL_BACKOFF_SECONDS: "1",
    ADMIN_EMAILS: SECOND_ADMIN,
    SIGN_UP_LIMIT_PER_IP: "1000",
    // Its review test needs the submission to wait for a person (instant staging is on by default).
    INSTANT_STAGING: "off",
  };
  // Both at once, on an empty database: migrations and the demo seed must apply exactly once.
  instances = await Promise.all([startInstance(0), startInstance(1)]);
});

test.afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await proxy?.close();
  await smtp?.stop();
  cluster?.remove();
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const context = (browser: Browser, baseURL = proxy.url) => browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
const instance = (i: number) => instances[i]!.url;

async function partnerContext(browser: Browser): Promise<BrowserContext> {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await signIn(page, PARTNER.email, PARTNER.password);
  await expect(page).toHaveURL(/\/registrations$/);
  await page.close();
  return ctx;
}

test("migrations and the demo seed, started by both instances at once, apply exactly once", async () => {
  const migrations = await query<{ name: string }>(`SELECT name FROM "_migrations"`);
  expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  const demo = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE email LIKE '%@example.com'`);
  expect(demo[0]!.n).toBe(3);
  const factors = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "SecondFactor"`);
  expect(factors[0]!.n).toBe(1);
});

test("a session made on one instance works on the other; signing out on one ends it on both", async ({ browser }) => {
  const ctx = await partnerContext(browser);
  for (const i of [0, 1]) {
    const response = await ctx.request.get(`${instance(i)}/registrations`, { maxRedirects: 0 });
    expect(response.status(), `instance ${i}`).toBe(200);
  }
  const cookies = await ctx.cookies();
  const page = await ctx.newPage();
  await page.goto(`${instance(0)}/registrations`);
  await page.getByRole("banner").locator("summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);

  const copy = await context(browser);
  await copy.addCookies(cookies);
  const response = await copy.request.get(`${instance(1)}/registrations`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/sign-in/);
  await Promise.all([ctx.close(), copy.close()]);
});

test("rate limits count across both instances", async ({ browser }) => {
  const email = "other@example.com";
  for (let attempt = 1; attempt <= 5; attempt++) {
    const ctx = await context(browser, instance(attempt % 2));
    const page = await ctx.newPage();
    await signIn(page, email, `wrong-password-${attempt}`);
    await expect(formAlert(page)).toContainText(attempt < 5 ? "do not match" : "Too many failed sign-in attempts for this account");
    await ctx.close();
  }
});

test("optimistic concurrency on one draft: one save wins, the other gets 409", async ({ browser }) => {
  const ctx = await partnerContext(browser);
  const id = await importDraft(await ctx.newPage(), `Concurrent ${Date.now().toString(36)}`);
  const save = (i: number) =>
    ctx.request.put(`${instance(i)}/api/registrations/${id}/draft`, { data: { version: 1, data: { clientName: `Saved by instance ${i}` } } });
  const statuses = (await Promise.all([save(0), save(1)])).map((r) => r.status()).sort();
  expect(statuses).toEqual([200, 409]);
  await ctx.close();
});

/** The second admin signs up with a password and adds an authenticator app at first sign-in. */
async function secondAdmin(browser: Browser): Promise<BrowserContext> {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Work e-mail").fill(SECOND_ADMIN);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(SECOND_ADMIN)).length).toBeGreaterThan(0);
  const text = mailText(smtp.received.filter((m) => m.to.includes(SECOND_ADMIN)).at(-1)!.raw);
  await page.goto(text.match(/http:\/\/\S+\/verify-email\?token=\S+/)![0]);
  await page.getByLabel("Your name").fill("Sol Second");
  await page.getByLabel("Choose a password").fill("second-admin-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Use an authenticator app instead" }).click();
  const secret = (await page.locator("code").first().textContent())!.trim();
  await page.getByLabel("Code from the app").fill(totpCode(secret, stepAt(Date.now())));
  await page.getByRole("button", { name: "Add the app" }).click();
  await page.getByRole("button", { name: "I have saved them: continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.close();
  return ctx;
}

let approvedId: string;

test("two admins claiming one review at once, on different instances: one wins", async ({ browser }) => {
  test.setTimeout(120_000);
  const partner = await partnerContext(browser);
  approvedId = await submitRegistration(await partner.newPage(), `Shared Client ${Date.now().toString(36)}`, {
    redirect_uris: ["https://reviewed.example/callback", `${proxy.url}/api/test-connection/callback`],
  });
  const first = await context(browser);
  await signInStaffWithTotp(await first.newPage(), ADMIN);
  const second = await secondAdmin(browser);
  const claim = (ctx: BrowserContext, i: number) => ctx.request.post(`${instance(i)}/api/admin/registrations/${approvedId}/claim`, { data: { revision: 1 } });
  const answers = await Promise.all([claim(first, 0), claim(second, 1)]);
  expect(answers.map((a) => a.status()).sort()).toEqual([200, 409]);
  const winner = answers[0]!.status() === 200 ? first : second;
  const decision = await winner.request.post(`/api/admin/registrations/${approvedId}/decision`, { data: { revision: 1, decision: "approve" } });
  expect(decision.status(), await decision.text()).toBe(200);
  await Promise.all([partner.close(), first.close(), second.close()]);
});

test("a Test connection started on one instance completes on the other; the embedded server's keys, clients and grants are shared", async ({ browser }) => {
  test.setTimeout(120_000);
  const jwks = await Promise.all([0, 1].map(async (i) => (await (await fetch(`${instance(i)}/oidc/oauth/jwks`)).json()) as unknown));
  expect(jwks[0]).toEqual(jwks[1]);

  const ctx = await partnerContext(browser);
  const page = await ctx.newPage();
  await page.goto(`/registrations/${approvedId}`);
  await page.getByRole("button", { name: "Reveal client secret (once)" }).click();
  await expect(page.getByLabel("Client secret", { exact: true })).toHaveText(/^[0-9a-f]{30}$/);
  try {
    proxy.pin(0); // start, authorization request and sign-in on the first instance
    await page.getByRole("button", { name: "Test connection", exact: true }).click();
    await page.getByLabel("Password").fill("sandbox-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Allow access?" })).toBeVisible();
    proxy.pin(1); // consent, callback and token exchange on the second
    await page.getByRole("button", { name: "Allow" }).click();
    await expect(page).toHaveURL(/\/test-runs\/[0-9a-f-]{36}/);
  } finally {
    proxy.pin(null);
  }
  const steps = page.getByRole("list", { name: "Steps of this test run" }).locator(":scope > li");
  for (const title of ["Authorization request", "Consent", "Callback", "Token exchange", "API call", "Refresh"]) {
    await expect(steps.filter({ has: page.getByRole("heading", { name: new RegExp(title, "i") }) }).first(), title).toContainText("Passed");
  }
  await ctx.close();
});

test("mail is delivered once, though both instances retry it", async ({ browser }) => {
  await smtp.stop();
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(PARTNER.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a reset link is on its way" })).toBeVisible();
  await ctx.close();
  const resets = () => smtp.received.filter((m) => m.to.includes(PARTNER.email) && m.subject === "Reset your password").length;
  expect(resets()).toBe(0);
  await smtp.start();
  await expect.poll(resets, { timeout: 20_000 }).toBe(1);
  // Both retry loops run every second: give them several turns to deliver it again.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(resets()).toBe(1);
});

test("PostgreSQL stopped: a clear 503 page and JSON 503, and recovery without a restart", async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await partnerContext(browser);
  cluster.stop();
  try {
    for (const i of [0, 1]) {
      // The request that finds the database gone renders the error page, with 503; the ones
      // after it get the short "back in a moment" page at once.
      const first = await ctx.request.get(`${instance(i)}/registrations`, { maxRedirects: 0, timeout: 15_000 });
      expect(first.status(), `instance ${i} page`).toBe(503);
      const next = await ctx.request.get(`${instance(i)}/registrations`, { maxRedirects: 0, timeout: 15_000 });
      expect(next.status()).toBe(503);
      expect(next.headers()["retry-after"]).toBe("5");
      expect(await next.text()).toContain("cannot reach its database");
      const api = await ctx.request.get(`${instance(i)}/api/registrations/${approvedId}/manifest`, { timeout: 15_000 });
      expect(api.status(), `instance ${i} API`).toBe(503);
      expect(await api.json()).toMatchObject({ error: "service_unavailable" });
      expect((await ctx.request.get(`${instance(i)}/api/health`, { timeout: 15_000 })).status()).toBe(503);
    }
  } finally {
    cluster.start();
  }
  for (const i of [0, 1]) {
    await expect.poll(async () => (await ctx.request.get(`${instance(i)}/registrations`, { maxRedirects: 0 })).status(), { timeout: 30_000 }).toBe(200);
    expect((await ctx.request.get(`${instance(i)}/api/health`)).status()).toBe(200);
  }
  await ctx.close();
});

test("kill -9 of an instance during a burst of autosaves loses no acknowledged save (PostgreSQL)", async ({ browser }) => {
  test.setTimeout(180_000);
  const ctx = await partnerContext(browser);
  const page = await ctx.newPage();
  const drafts: string[] = [];
  for (let i = 0; i < 4; i++) drafts.push(await importDraft(page, `PG crash client ${i}`));
  const direct = await context(browser, instance(0));
  await direct.addCookies(await ctx.cookies());
  const burst = startBurst(direct.request, drafts);
  await expect.poll(() => Math.min(...burst.writers.map((w) => w.acked)), { timeout: 30_000 }).toBeGreaterThan(5);
  await instances[0]!.kill();
  const writers = await burst.stop();
  // The other instance has every acknowledged save at once (asked directly: the proxy would
  // send every other request to the dead one); the killed one comes back to the same.
  const survivor = await context(browser, instance(1));
  await survivor.addCookies(await ctx.cookies());
  await expectAcknowledgedSaves(survivor.request, writers);
  instances[0] = await startInstance(0);
  const restarted = await context(browser, instance(0));
  await restarted.addCookies(await ctx.cookies());
  await expectAcknowledgedSaves(restarted.request, writers);
  await Promise.all([ctx.close(), direct.close(), survivor.close(), restarted.close()]);
});
