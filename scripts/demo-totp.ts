// npm run demo:totp — the current sign-in code of the embedded default's demo admin
// (admin@example.com), whose authenticator-app key is seeded for the demo only.
import { DEMO_ADMIN_TOTP_SECRET } from "../lib/db/demo-accounts";
import { TOTP_STEP_SECONDS, stepAt, totpCode } from "../lib/security/totp";

const now = Date.now();
const left = TOTP_STEP_SECONDS - (Math.floor(now / 1000) % TOTP_STEP_SECONDS);
console.log(`${totpCode(DEMO_ADMIN_TOTP_SECRET, stepAt(now))}  (admin@example.com; valid for about ${left} more seconds)`);
