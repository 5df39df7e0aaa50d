import { expect, type Page } from "@playwright/test";
import sharp from "sharp";

export const manifest = (name: string, extra: Record<string, unknown> = {}) => ({
  client_name: name,
  client_uri: "https://reviewed.example/",
  tos_uri: "https://reviewed.example/terms",
  policy_uri: "https://reviewed.example/privacy",
  contacts: ["review-contact@reviewed.example"],
  initiate_login_uri: "https://reviewed.example/connect",
  settings_uri: "https://reviewed.example/settings",
  redirect_uris: ["https://reviewed.example/callback", "https://oauth.pstmn.io/v1/callback"],
  scope: "users:read",
  token_endpoint_auth_method: "client_secret_basic",
  application_type: "web",
  pkce_supported: true,
  subject_type_preference: "none",
  environment: "staging",
  ...extra,
});

/** A square PNG the logo upload accepts. */
export function logoPng() {
  return sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 10, g: 120, b: 90 } } })
    .png()
    .toBuffer();
}

/** Imports a manifest as a new draft of the signed-in member's organization; returns its id. */
export async function importDraft(page: Page, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  await page.goto("/registrations/import");
  await page.getByLabel("Manifest JSON").fill(JSON.stringify(manifest(name, extra)));
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page).toHaveURL(/\/edit\/human\?imported=1$/);
  return page.url().match(/registrations\/([0-9a-f-]{36})/)![1]!;
}

/** Uploads a logo to a draft through the JSON API; returns the logo's id. */
export async function uploadLogo(page: Page, registrationId: string): Promise<string> {
  const response = await page.request.post(`/api/registrations/${registrationId}/logo`, { headers: { "Content-Type": "image/png" }, data: await logoPng() });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { logo_id: string }).logo_id;
}

/** Imports a manifest, uploads a logo and submits: a registration waiting in the queue. */
export async function submitRegistration(page: Page, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await importDraft(page, name, extra);
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: await logoPng() });
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
  await page.getByRole("button", { name: /Review and submit/ }).click();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(new RegExp(`/registrations/${id}\\?submitted=1$`));
  return id;
}

/** An admin claims and approves the latest revision of a registration through the JSON API. */
export async function approveViaApi(page: Page, registrationId: string, revision = 1) {
  const claim = await page.request.post(`/api/admin/registrations/${registrationId}/claim`, { data: { revision } });
  expect(claim.status(), await claim.text()).toBe(200);
  const decision = await page.request.post(`/api/admin/registrations/${registrationId}/decision`, { data: { revision, decision: "approve" } });
  expect(decision.status(), await decision.text()).toBe(200);
}
