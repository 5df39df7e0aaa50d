import { expect, test } from "@playwright/test";
import { ADMIN_STATE, expectAccessible } from "./support/accounts";
import { expectServedWhole } from "./support/served-whole";

// The onboarding metrics page in Chromium: reached from the admin navigation, its period
// filter, the chart's text alternative beside the table, and no accessibility violations in
// either theme at desktop width and at 360 px. Presence, not exact counts: other workers sign
// partners up at the same time.

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [1280, 360]) {
    test(`metrics page, ${colorScheme}, ${width} px`, async ({ browser }) => {
      const context = await browser.newContext({ storageState: ADMIN_STATE, colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/admin");
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Metrics" }).click();
      await expect(page).toHaveURL(/\/admin\/metrics$/);
      await expect(page.getByRole("heading", { level: 1, name: "Onboarding metrics" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
      // The seeded partner organizations signed up when the e2e database was created.
      await expect(page.getByRole("img", { name: /^Funnel of the \d+ organizations that signed up in the last 30 days/ })).toBeVisible();
      const funnel = page.getByRole("region", { name: "Funnel of the period's sign-ups" });
      await expect(funnel.getByRole("rowheader", { name: "First passing Test connection" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Time from submission to decision" }).getByText("Approved by the policy")).toBeVisible();
      await expectAccessible(page);
      if (process.env.METRICS_SCREENSHOTS) await page.screenshot({ path: `test-results/metrics-${colorScheme}-${width}.png`, fullPage: true });
      // The page must not scroll sideways: wide tables scroll inside their own region.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await page.getByRole("link", { name: "Last 7 days" }).click();
      await expect(page).toHaveURL(/\/admin\/metrics\?period=7$/);
      await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
      await expectServedWhole(page, "/admin/metrics?period=7");
      await context.close();
    });
  }
}

test("an unknown period falls back to 30 days and says so", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/admin/metrics?period=365");
  await expect(page.getByText("The period was not applied: choose 7, 30 or 90 days. Showing the last 30 days.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
  await context.close();
});
