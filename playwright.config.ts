import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3299);
// Browse via localhost, not 127.0.0.1: Auth.js's CSRF check compares against the request host.
const baseURL = `http://localhost:${PORT}`;
export const STAFF_EMAIL = "staff@platform.test";
/** A staff address that signs up with a password and a passkey (e2e/staff-mfa.spec.ts). */
export const PASSKEY_STAFF_EMAIL = "passkey-staff@platform.test";

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testIgnore: /(instant-staging|five-minute-path)\.spec\.ts/ },
    // With the instant-staging policy on, so one test at a time, each file against a portal of
    // its own (the suite's server keeps the policy off: its review specs go through a person).
    { name: "instant-staging", use: { ...devices["Desktop Chrome"] }, testMatch: /(instant-staging|five-minute-path)\.spec\.ts/, fullyParallel: false },
  ],
  webServer: [
    {
      command: "node e2e/support/test-idp.mjs",
      url: `http://localhost:${IDP_PORT}/.well-known/openid-configuration`,
      env: { IDP_PORT: String(IDP_PORT), PORTAL_URL: baseURL },
      reuseExistingServer: false,
    },
    {
      command: "node e2e/support/serve.mjs",
      url: `${baseURL}/sign-in`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        APP_URL: baseURL,
        DATA_DIR: ".data/e2e",
        ADMIN_EMAILS: `${STAFF_EMAIL},${PASSKEY_STAFF_EMAIL}`,
        // Every browser of the suite signs up from 127.0.0.1.
        SIGN_UP_LIMIT_PER_IP: "1000",
        AUTH_OIDC_ISSUER: `http://localhost:${IDP_PORT}`,
        AUTH_OIDC_CLIENT_ID: "portal-staff-sso",
        AUTH_OIDC_CLIENT_SECRET: "portal-staff-sso-secret-for-tests-only",
        AUTH_OIDC_NAME: "Staff SSO",
        // The review, credential and Test connection specs submit registrations that a person decides.
        INSTANT_STAGING: "off",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
