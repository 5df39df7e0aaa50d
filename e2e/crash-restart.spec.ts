// Faults that end the server: kill -9 of the whole process group during a burst of autosaves
// (every acknowledged save is there after the restart), and SIGTERM (requests in flight
// finish, the database is closed, exit code 0). On the embedded database; the PostgreSQL
// variants are in several-instances.spec.ts.
import { expect, test } from "@playwright/test";
import { PARTNER, signIn } from "./support/accounts";
import { expectAcknowledgedSaves, startBurst } from "./support/autosave-burst";
import { startPortal } from "./support/portal-server";
import { importDraft } from "./support/registrations";

const PORT = Number(process.env.E2E_PORT ?? 3200) + 13;
test.describe.configure({ mode: "serial" });

test("kill -9 during a burst of autosaves loses no acknowledged save (embedded database)", async ({ browser }) => {
  test.setTimeout(180_000);
  const vars = { DATA_DIR: `.data/e2e-crash-${PORT}` };
  let portal = await startPortal(PORT, vars);
  const context = await browser.newContext({ baseURL: portal.url, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await signIn(page, PARTNER.email, PARTNER.password);
    // The first sign-in on a portal that has just started can take a while on a loaded machine.
    await expect(page).toHaveURL(/\/registrations$/, { timeout: 30_000 });
    const drafts: string[] = [];
    for (let i = 0; i < 4; i++) drafts.push(await importDraft(page, `Crash client ${i}`));

    const burst = startBurst(context.request, drafts);
    await expect.poll(() => Math.min(...burst.writers.map((w) => w.acked)), { timeout: 30_000 }).toBeGreaterThan(5);
    await portal.kill();
    const writers = await burst.stop();

    portal = await startPortal(PORT, { ...vars, KEEP_DATA: "1" });
    await expectAcknowledgedSaves(context.request, writers);
  } finally {
    await context.close();
    await portal.stop();
  }
});

test("SIGTERM finishes the requests in flight, closes the database and exits 0 (embedded database)", async ({ browser }) => {
  test.setTimeout(180_000);
  const vars = { DATA_DIR: `.data/e2e-term-${PORT}` };
  let portal = await startPortal(PORT, vars);
  const context = await browser.newContext({ baseURL: portal.url, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await signIn(page, PARTNER.email, PARTNER.password);
    await expect(page).toHaveURL(/\/registrations$/);
    const drafts = [await importDraft(page, "Term client 0"), await importDraft(page, "Term client 1")];
    const burst = startBurst(context.request, drafts);
    await expect.poll(() => Math.min(...burst.writers.map((w) => w.acked)), { timeout: 30_000 }).toBeGreaterThan(5);
    const signalled = Date.now();
    const exitCode = await portal.stop();
    const writers = await burst.stop();
    expect(exitCode).toBe(0);
    expect(portal.stderr()).not.toMatch(/Closing the database failed/);
    // Requests sent after the server stopped listening fail to connect; every one it had
    // already received (sent before the signal) was answered.
    expect(burst.failedBefore(signalled)).toBe(0);

    // The database opens cleanly and has every acknowledged save.
    portal = await startPortal(PORT, { ...vars, KEEP_DATA: "1" });
    await expectAcknowledgedSaves(context.request, writers);
  } finally {
    await context.close();
    await portal.stop();
  }
});
