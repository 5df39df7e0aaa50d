import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { sign, verifySignature } from "@/lib/security/tokens";

// The check-email page names the address this browser signed up with, and nothing else: the
// address travels in a signed, short-lived cookie, never in the URL, so the page cannot be
// made to show text of someone else's choosing.

const COOKIE = "portal-sign-up";
const LIFETIME_S = 60 * 60;

export async function rememberSignUp(email: string) {
  (await cookies()).set(COOKIE, sign(JSON.stringify({ email, exp: Date.now() + LIFETIME_S * 1000 }), env().authSecret), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().isProduction,
    path: "/",
    maxAge: LIFETIME_S,
  });
}

export async function signedUpEmail(): Promise<string | undefined> {
  const value = (await cookies()).get(COOKIE)?.value;
  const payload = value ? verifySignature(value, env().authSecret) : undefined;
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(payload) as { email?: unknown; exp?: unknown };
    return typeof parsed.email === "string" && typeof parsed.exp === "number" && parsed.exp > Date.now() ? parsed.email : undefined;
  } catch {
    return undefined;
  }
}
