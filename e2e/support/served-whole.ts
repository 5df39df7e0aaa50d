import { expect, type Page } from "@playwright/test";

/**
 * The page's HTML holds its content, not a loading skeleton for the content to replace later.
 * React reveals streamed content at least 300 ms after the skeleton's first paint, which made
 * the Test connection result's content (its LCP) appear about 0.4 s after the page did.
 * `<!--$?-->` marks a Suspense boundary that was still waiting when the page's shell was sent.
 */
export async function expectServedWhole(page: Page, path: string) {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  expect(html.includes("<!--$?-->"), `${path} was sent with a loading skeleton in place of its content`).toBe(false);
}
