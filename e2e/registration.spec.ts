import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { OTHER, PARTNER_STATE, anonymousContext, expectAccessible, signIn } from "./support/accounts";
import { manifest as buildManifest, importDraft, uploadLogo } from "./support/registrations";

test.use({ storageState: PARTNER_STATE });

async function png(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 200 } } })
    .png()
    .toBuffer();
}

async function newDraft(page: Page) {
  await page.goto("/registrations");
  await page.getByRole("link", { name: "New registration" }).click();
  await expect(page.getByRole("radio", { name: /Staging/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/registrations\/[0-9a-f-]{36}\/edit\/human$/);
  return page.url().match(/registrations\/([0-9a-f-]{36})/)![1]!;
}

async function waitForSave(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: /^Saved at \d\d:\d\d$/ })).toBeVisible();
}

test("fill all three sections with live validation, survive a reload, preview and submit", async ({ page }) => {
  const id = await newDraft(page);
  await expectAccessible(page);

  // Live errors appear while typing and clear when fixed.
  const name = page.getByLabel("Client Name");
  await name.fill("Official Pleo client");
  await expect(page.getByText(/Choose a name without "Pleo"/)).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("Example Client");
  await expect(page.getByText(/Choose a name without "Pleo"/)).toHaveCount(0);
  await expect(name).not.toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Client URI").fill("http://client.example/");
  await expect(page.locator("#reg-clientUri-error")).toContainText(/https/);
  await page.getByLabel("Client URI").fill("https://client.example/");
  await expect(page.locator("#reg-clientUri-error")).toBeEmpty();

  // The server refuses a logo that is not square, with its reason.
  await page.getByLabel("Logo").setInputFiles({ name: "wide.png", mimeType: "image/png", buffer: await png(600, 400) });
  await expect(page.getByText(/600×400 pixels; it must be square/)).toBeVisible();
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: await png(512, 512) });
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();

  await page.getByLabel("Terms of Service").fill("https://client.example/legal/terms");
  await page.getByLabel("Privacy Policy").fill("https://client.example/legal/privacy");
  await page.getByLabel("Contacts").fill("dev@client.example\nDEV@client.example");
  await expect(page.getByText(/Line 2 .*already listed/)).toBeVisible();
  await page.getByLabel("Contacts").fill("dev@client.example\nops@client.example");
  await expectAccessible(page);

  // Autosave, then a reload finds the draft as it was.
  await waitForSave(page);
  await page.reload();
  await expect(page.getByLabel("Client Name")).toHaveValue("Example Client");
  await expect(page.getByLabel("Contacts")).toHaveValue("dev@client.example\nops@client.example");
  await expect(page.getByRole("button", { name: /Human-readable.*complete/ })).toBeVisible();

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/registrations/${id}/edit/platform$`));
  await page.getByLabel("Initiation URI").fill("https://client.example/connect");
  await page.getByLabel("Settings URI").fill("https://client.example/settings");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Technical information" })).toBeVisible();
  const redirects = page.getByLabel("Redirect URIs");
  await redirects.fill("https://client.example/callback#section");
  await expect(page.getByText(/Line 1 .*Remove the fragment/)).toBeVisible();
  await redirects.fill("https://client.example/callback");
  await page.getByRole("button", { name: "This portal's Test connection" }).click();
  await expect(redirects).toHaveValue(/https:\/\/client\.example\/callback\nhttp:\/\/localhost:\d+\/api\/test-connection\/callback/);
  await page.getByLabel("Search scopes").fill("user");
  await page.getByRole("checkbox", { name: /users:read/ }).check();
  await page.getByLabel("Search scopes").fill("");
  await page.getByRole("checkbox", { name: /export-jobs:read/ }).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  const preview = page.getByRole("figure", { name: "Consent screen preview" });
  await expect(preview).toContainText("Example Client wants to access your Pleo account");
  await expect(preview.getByRole("link", { name: "Terms of Service" })).toHaveAttribute("href", "https://client.example/legal/terms");
  await expect(preview).toContainText("users:read");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit for review" }).click();

  await expect(page).toHaveURL(new RegExp(`/registrations/${id}\\?submitted=1$`));
  await expect(page.getByLabel("Status: Submitted")).toBeVisible();
  await expectAccessible(page);
  // A submitted revision is frozen: the wizard sends you to the status page.
  await page.goto(`/registrations/${id}/edit/human`);
  await expect(page).toHaveURL(new RegExp(`/registrations/${id}$`));
});

// At 360 px the preset buttons wrap onto several lines; they sit below the error, so a
// partner who mistypes a redirect URI sees why under the hint, not three rows further down.
test("at 360 px, the Redirect URIs error comes before the preset buttons", async ({ browser }) => {
  const context = await browser.newContext({ storageState: PARTNER_STATE, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const id = await newDraft(page);
  await page.goto(`/registrations/${id}/edit/technical`);
  await page.getByLabel("Redirect URIs").fill("https://client.example/callback#section");
  const error = page.getByText(/Line 1 .*Remove the fragment/);
  await expect(error).toBeVisible();
  const errorBox = (await error.boundingBox())!;
  const presetBox = (await page.getByRole("button", { name: "Postman (web app)" }).boundingBox())!;
  const textareaBox = (await page.getByLabel("Redirect URIs").boundingBox())!;
  expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(presetBox.y);
  expect(errorBox.y).toBeGreaterThan(textareaBox.y + textareaBox.height);
  await expectAccessible(page);
  await context.close();
});

// The server renders the wizard in its own time zone (UTC here); the last save's time shown is
// the reader's own. The server's HTML says 09:15 where a UTC+14 browser shows 23:15: React
// renders that text again on the client, and logs nothing in production.
test("the last save's time is in the browser's time zone", async ({ browser }) => {
  const context = await browser.newContext({ storageState: PARTNER_STATE, timezoneId: "Pacific/Kiritimati" }); // UTC+14
  const page = await context.newPage();
  await newDraft(page);
  await page.reload();
  const local = await page.evaluate(() => {
    const format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
    return [format.format(new Date()), format.format(new Date(Date.now() - 60_000))];
  });
  await expect(page.getByRole("status").filter({ hasText: /^Saved at / })).toHaveText(new RegExp(`^Saved at (${local.join("|")})$`));
  await context.close();
});

test("two tabs editing one draft: the stale one gets the conflict and can overwrite", async ({ page, context }) => {
  await newDraft(page);
  const second = await context.newPage();
  await second.goto(page.url());

  await page.getByLabel("Client Name").fill("Tab One Client");
  await waitForSave(page);

  await second.getByLabel("Client Name").fill("Tab Two Client");
  await expect(second.getByText("This draft was changed somewhere else")).toBeVisible();
  await expect(second.getByRole("status").filter({ hasText: "Not saved" })).toBeVisible();
  await expectAccessible(second);
  await second.getByRole("button", { name: "Overwrite with my version" }).click();
  await waitForSave(second);

  await page.reload();
  await expect(page.getByLabel("Client Name")).toHaveValue("Tab Two Client");
});

test("offline, the draft says it will retry, and saves once the connection is back", async ({ page, context }) => {
  await newDraft(page);
  await page.getByLabel("Client Name").fill("Offline Client");
  await waitForSave(page);
  await context.setOffline(true);
  await page.getByLabel("Client Name").fill("Offline Client Two");
  await expect(page.getByRole("status").filter({ hasText: "Offline: will retry" })).toBeVisible();
  await context.setOffline(false);
  await waitForSave(page);
  await page.reload();
  await expect(page.getByLabel("Client Name")).toHaveValue("Offline Client Two");
});

test("drafts can be resumed, duplicated and deleted from the list", async ({ page }) => {
  const id = await newDraft(page);
  await page.getByLabel("Client Name").fill("Resumable Client");
  await waitForSave(page);
  await page.goto("/registrations");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Continue editing Resumable Client" }).click();
  await expect(page).toHaveURL(new RegExp(`/registrations/${id}/edit/human$`));
  await expect(page.getByLabel("Client Name")).toHaveValue("Resumable Client");

  await page.goto("/registrations");
  await page.getByRole("button", { name: "Duplicate Resumable Client" }).click();
  await expect(page).toHaveURL(/\/edit\/human\?duplicated=1$/);
  await expect(page.getByLabel("Client Name")).toHaveValue("Resumable Client");

  await page.goto("/registrations");
  await page.getByRole("button", { name: "Delete Resumable Client" }).first().click();
  await page.getByRole("button", { name: "Confirm: delete draft" }).click();
  await expect(page.getByText("Draft deleted.").first()).toBeVisible();
});

test("import a manifest: errors field by field, then a draft with the values", async ({ page }) => {
  const manifest = buildManifest("Official Pleo client", {
    contacts: ["team@imported.example"],
    redirect_uris: ["https://imported.example/cb#frag"],
  });

  await page.goto("/registrations/import");
  await expectAccessible(page);
  await page.getByLabel("Manifest JSON").fill(JSON.stringify(manifest));
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "The manifest was not imported" });
  await expect(problems).toContainText("redirect_uris");
  await expect(problems).toContainText("client_name");
  await expectAccessible(page);

  await page.getByLabel("Manifest JSON").fill(JSON.stringify({ ...manifest, client_name: "Imported Client", redirect_uris: ["https://imported.example/cb"] }));
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page).toHaveURL(/\/edit\/human\?imported=1$/);
  await expect(page.getByLabel("Client Name")).toHaveValue("Imported Client");
  await expect(page.getByLabel("Contacts")).toHaveValue("team@imported.example");
});

test("the validation API answers like RFC 7591 and never with a 500", async ({ request }) => {
  const valid = buildManifest("Example Client");

  const ok = await request.post("/api/registrations/validate", { data: valid });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ valid: true, warnings: expect.any(Array) });

  const badRedirect = await request.post("/api/registrations/validate", { data: { ...valid, redirect_uris: ["javascript:alert(1)"] } });
  expect(badRedirect.status()).toBe(400);
  const body = await badRedirect.json();
  expect(body.error).toBe("invalid_redirect_uri");
  expect(body.field_errors.redirect_uris.length).toBeGreaterThan(0);

  const badName = await request.post("/api/registrations/validate", { data: { ...valid, client_name: "" } });
  expect((await badName.json()).error).toBe("invalid_client_metadata");

  const notJson = await request.post("/api/registrations/validate", { headers: { "Content-Type": "application/json" }, data: "{nope" });
  expect(notJson.status()).toBe(400);
  const wrongType = await request.post("/api/registrations/validate", { headers: { "Content-Type": "text/plain" }, data: "hello" });
  expect(wrongType.status()).toBe(415);
  const huge = await request.post("/api/registrations/validate", {
    headers: { "Content-Type": "application/json" },
    data: JSON.stringify({ ...valid, client_name: "x".repeat(70 * 1024) }),
  });
  expect(huge.status()).toBe(413);
  const array = await request.post("/api/registrations/validate", { data: [1, 2] });
  expect(array.status()).toBe(400);
});

test("another organization's registration answers 404", async ({ page, browser }) => {
  const id = await newDraft(page);
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await other.newPage();
  await otherPage.goto("/sign-in");
  await otherPage.getByLabel("E-mail").fill("other@example.com");
  await otherPage.getByLabel("Password").fill("other-demo-2026");
  await otherPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(otherPage).toHaveURL(/\/registrations$/);
  for (const path of [`/registrations/${id}`, `/registrations/${id}/edit/human`]) {
    expect((await otherPage.goto(path))?.status(), path).toBe(404);
  }
  const api = await otherPage.request.get(`/api/registrations/${id}/manifest`);
  expect(api.status()).toBe(404);
  const save = await otherPage.request.put(`/api/registrations/${id}/draft`, { data: { version: 1, data: {} } });
  expect(save.status()).toBe(404);
  await other.close();
});

// Drafts keep whatever was saved (autosave must never lose work), so what the draft API stores
// can be anything within the size limits. The consent preview must not trust it.
test("stored junk in a draft shows as text in the consent preview, never as a link or an image", async ({ page, browser }) => {
  const other = await anonymousContext(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, OTHER.email, OTHER.password);
  await expect(otherPage).toHaveURL(/\/registrations$/);
  const foreignLogo = await uploadLogo(otherPage, await importDraft(otherPage, `Logo Owner ${Date.now().toString(36)}`));
  await other.close();

  const id = await importDraft(page, `Junk Draft ${Date.now().toString(36)}`);
  // force: the wizard's own autosave may have moved the version on in between.
  const save = (data: Record<string, unknown>) =>
    page.request.put(`/api/registrations/${id}/draft`, {
      data: { version: 1, force: true, data: { clientName: "Junk Draft", scopes: ["users:read"], ...data } },
    });
  const junk = {
    tosUri: "javascript:alert(document.domain)",
    policyUri: "data:text/html,<script>alert(1)</script>",
    logoId: `../registrations/${id}/manifest`,
  };
  expect((await save(junk)).status()).toBe(200);

  const unsafe = 'a[href^="javascript:" i], a[href^="data:" i], img[src*=".."], link[href*=".."]';
  for (const path of [`/registrations/${id}/edit/review`, `/registrations/${id}`]) {
    await page.goto(path);
    const preview = page.getByRole("figure", { name: "Consent screen preview" });
    await expect(preview).toContainText("Terms of Service (not linked: “javascript:alert(document.domain)” is not a valid address)");
    await expect(preview).toContainText("Privacy Policy (not linked: “data:text/html,<script>alert(1)</script>” is not a valid address)");
    await expect(preview).toContainText("The logo is not shown");
    await expect(preview.getByRole("link")).toHaveCount(0);
    await expect(preview.getByRole("img")).toHaveCount(0);
    await expect(page.locator(unsafe), path).toHaveCount(0);
  }

  // A real logo id, but another organization's: not shown either, here or in the logo field.
  expect((await save({ logoId: foreignLogo })).status()).toBe(200);
  for (const path of [`/registrations/${id}/edit/review`, `/registrations/${id}`, `/registrations/${id}/edit/human`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator(`img[src*="${foreignLogo}"]`), path).toHaveCount(0);
  }
  await expect(page.getByText("The saved logo reference is not one of your organization's uploaded logos: upload the logo again.")).toBeVisible();
});
