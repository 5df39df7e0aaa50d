// Screenshots of the main pages at desktop and 360 px widths, light and dark, for looking at
// the UI before calling a page done:  npx tsx scripts/screenshots.mjs [baseURL]   (server running
// on the embedded default's demo data). Writes e2e/screenshots/*.png (git-ignored).
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./lib/chromium.mjs";
import { DEMO_ADMIN_TOTP_SECRET } from "../lib/db/demo-accounts.ts";
import { stepAt, totpCode } from "../lib/security/totp.ts";

const base = process.argv[2] ?? "http://localhost:3000";
const out = "e2e/screenshots";
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

let lastStep = 0;
async function signedIn(email, password, viewport, colorScheme, onSecondFactor) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname !== "/sign-in");
  if (new URL(page.url()).pathname === "/sign-in/second-factor") {
    await onSecondFactor?.(page);
    // The demo admin's app code; each works once, so wait for a fresh one when needed.
    while (stepAt(Date.now()) <= lastStep) await page.waitForTimeout(1000);
    lastStep = stepAt(Date.now());
    await page.getByLabel("Code from your authenticator app").fill(totpCode(DEMO_ADMIN_TOTP_SECRET, lastStep));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  }
  // The URL changes when the redirect is followed, before the page has painted.
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  return { context, page };
}

const pages = (process.env.PAGES ?? "sign-in,sign-up,check-email,registrations,team,account,admin,second-factor,admin-account,outbox,not-found").split(",");
for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["mobile", { width: 360, height: 740 }],
]) {
  for (const scheme of ["light", "dark"]) {
    const anon = await browser.newContext({ viewport, colorScheme: scheme });
    const p = await anon.newPage();
    for (const name of ["sign-in", "sign-up", "check-email"].filter((n) => pages.includes(n))) {
      await p.goto(`${base}/${name}`);
      await p.screenshot({ path: `${out}/${name}-${label}-${scheme}.png`, fullPage: true });
    }
    await anon.close();
    const partner = await signedIn("partner@example.com", "partner-demo-2026", viewport, scheme);
    if (pages.includes("registrations")) await partner.page.screenshot({ path: `${out}/registrations-${label}-${scheme}.png`, fullPage: true });
    if (pages.includes("team")) {
      await partner.page.getByRole("link", { name: "Team" }).click();
      await partner.page.waitForURL(/members/);
      await partner.page.screenshot({ path: `${out}/team-${label}-${scheme}.png`, fullPage: true });
    }
    if (pages.includes("wizard")) {
      const p2 = partner.page;
      await p2.goto(`${base}/registrations/new`);
      await p2.getByRole("button", { name: "Create draft" }).click();
      await p2.waitForURL(/edit\/human/);
      await p2.getByLabel("Client Name").fill("Example Client");
      await p2.getByLabel("Client URI").fill("http://client.example");
      await p2.getByLabel("Contacts").fill("dev@client.example");
      await p2.waitForTimeout(1500);
      await p2.screenshot({ path: `${out}/wizard-human-${label}-${scheme}.png`, fullPage: true });
      for (const step of ["technical", "review"]) {
        await p2
          .getByRole("button", { name: new RegExp(step === "technical" ? "Technical" : "Review") })
          .first()
          .click();
        await p2.waitForTimeout(800);
        // The technical step with a live error (a fragment), to see how a field's error looks.
        if (step === "technical") await p2.getByLabel("Redirect URIs").fill("https://client.example/callback#section");
        await p2.screenshot({ path: `${out}/wizard-${step}-${label}-${scheme}.png`, fullPage: true });
      }
      await p2.goto(`${base}/registrations`);
      await p2.screenshot({ path: `${out}/registrations-list-${label}-${scheme}.png`, fullPage: true });
    }
    if (pages.includes("account")) {
      await partner.page.goto(`${base}/account`);
      await partner.page.screenshot({ path: `${out}/account-${label}-${scheme}.png`, fullPage: true });
    }
    if (pages.includes("not-found")) {
      await partner.page.goto(`${base}/nope`);
      await partner.page.screenshot({ path: `${out}/not-found-${label}-${scheme}.png`, fullPage: true });
    }
    await partner.context.close();
    const admin = await signedIn("admin@example.com", "admin-demo-2026", viewport, scheme, async (page) => {
      if (pages.includes("second-factor")) await page.screenshot({ path: `${out}/second-factor-${label}-${scheme}.png`, fullPage: true });
    });
    if (pages.includes("admin")) await admin.page.screenshot({ path: `${out}/admin-${label}-${scheme}.png`, fullPage: true });
    if (pages.includes("admin-account")) {
      await admin.page.goto(`${base}/account`);
      await admin.page.screenshot({ path: `${out}/admin-account-${label}-${scheme}.png`, fullPage: true });
    }
    if (pages.includes("outbox")) {
      await admin.page.goto(`${base}/admin/outbox`);
      await admin.page.screenshot({ path: `${out}/outbox-${label}-${scheme}.png`, fullPage: true });
    }
    await admin.context.close();
  }
}
await browser.close();
console.log(`Screenshots in ${out}/`);
