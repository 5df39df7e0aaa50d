import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { CHALLENGE_LIFETIME_MS, createChallenge, findChallenge } from "@/lib/db/second-factors";
import { env } from "@/lib/env";
import { sign, verifySignature } from "@/lib/security/tokens";

// Which pending second-factor step this browser is in: a signed, short-lived cookie naming the
// row. "sign_in" steps come after a correct password; "add" steps belong to a signed-in staff
// member adding a factor on the account page.

const NAMES = { sign_in: "portal-second-factor", add: "portal-add-factor" } as const;
type Purpose = keyof typeof NAMES;

export async function rememberChallenge(purpose: Purpose, id: string) {
  (await cookies()).set(NAMES[purpose], sign(id, env().authSecret), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().isProduction,
    path: "/",
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

export async function forgetChallenge(purpose: Purpose) {
  (await cookies()).delete(NAMES[purpose]);
}

/** The open step this browser's cookie names, of this purpose (and user, when given), or null. */
export async function currentChallenge(purpose: Purpose, userId?: string) {
  const value = (await cookies()).get(NAMES[purpose])?.value;
  const id = value ? verifySignature(value, env().authSecret) : undefined;
  const challenge = id ? await findChallenge(id) : null;
  if (!challenge || challenge.purpose !== purpose || (userId && challenge.userId !== userId)) return null;
  return challenge;
}

/**
 * Staff who proved their password (or just chose one at sign-up) go on to their second factor,
 * or to adding their first one; the session starts only after that.
 */
export async function startStaffSecondFactor(userId: string, callbackUrl: string): Promise<never> {
  await rememberChallenge("sign_in", await createChallenge(userId, "sign_in", callbackUrl));
  redirect("/sign-in/second-factor");
}
