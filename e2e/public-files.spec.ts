import { expect, test } from "@playwright/test";

// What browsers and crawlers fetch on their own, before anyone signs in: the icon and
// robots.txt. proxy.ts must let them through to the files, never to the sign-in page.

test("robots.txt and the icons answer without a session", async ({ request }) => {
  const robots = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  const rules = await robots.text();
  expect(rules).toMatch(/^User-agent: \*$/m);
  expect(rules).toMatch(/^Disallow: \/$/m);

  const favicon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/x-icon");
  expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header

  const svg = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(await svg.text()).toContain("<svg");
});

test("a page names its icons, and loading it asks for nothing that is missing", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/sign-in");
  const icons = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.some((href) => new URL(href).pathname === "/favicon.ico")).toBe(true);
  expect(icons.some((href) => new URL(href).pathname === "/icon.svg")).toBe(true);
  for (const href of icons) expect((await page.request.get(href)).status(), href).toBe(200);
  expect(failed).toEqual([]);
});
