import "server-only";
import { findUserForSignIn } from "@/lib/db/users";
import { verifyPassword } from "@/lib/security/password";
import { attemptSucceeded, signInLockState, takeSignInAttempt } from "@/lib/security/rate-limit";
import { lockedOut } from "./security-events";

// The password half of sign-in, without Next.js: the server action turns the outcome into a
// message and a session. Kept apart so its concurrency can be tested on a real database.
// A correct password does not reset the account's failure count: that happens when a session
// is granted (clearSignInFailures), so that staff's wrong second factors keep counting.

export type PasswordSignIn =
  | { outcome: "ok"; user: { id: string; email: string; name: string; emailVerified: Date | null; isStaff: boolean } }
  | { outcome: "locked"; scope: "account" | "ip"; retryAfterSeconds: number }
  | { outcome: "invalid_credentials" };

export async function checkPasswordSignIn(email: string, password: string, ip: string | undefined): Promise<PasswordSignIn> {
  const attempt = await takeSignInAttempt(email, ip);
  if (!attempt.ok) return { outcome: "locked", scope: attempt.scope, retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await findUserForSignIn(email);
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user) {
    // The attempt stays recorded as a failure; the fifth one is answered as the lock-out.
    const after = await signInLockState(email, ip);
    if (after.locked) {
      if (after.scope === "account") await lockedOut(email, after.retryAfterSeconds * 1000);
      return { outcome: "locked", scope: after.scope, retryAfterSeconds: after.retryAfterSeconds };
    }
    return { outcome: "invalid_credentials" };
  }
  await attemptSucceeded(attempt);
  const { passwordHash: _, ...rest } = user;
  return { outcome: "ok", user: rest };
}
