// The embedded default's demo accounts (lib/db/seed.ts; listed in the README). Demo only: the
// seed never runs with APP_ENV=production. No imports, so scripts and tests can read them.

export const DEMO_ADMIN_EMAIL = "admin@example.com";

export const DEMO_ACCOUNTS = [
  { email: "partner@example.com", password: "partner-demo-2026", name: "Pat Partner", organization: "Example Client Ltd" },
  { email: "other@example.com", password: "other-demo-2026", name: "Olga Other", organization: "Other Fintech AS" },
  { email: DEMO_ADMIN_EMAIL, password: "admin-demo-2026", name: "Ada Admin", organization: null },
] as const;

/**
 * The demo admin's authenticator-app key (demo only: the seed never runs with
 * APP_ENV=production). `npm run demo:totp` prints its current code; a real admin adds a
 * passkey or their own app at first sign-in.
 */
export const DEMO_ADMIN_TOTP_SECRET = "KRUGS4ZANFZSAYJAMRSW233ONFSGK3TFEBVWK6JA";
