import "server-only";
import { createSignUpRequest } from "@/lib/db/sign-ups";
import { findUserByEmail } from "@/lib/db/users";
import { sendMail } from "@/lib/mail";
import { signUpAttemptMail, signUpMail } from "@/lib/mail/templates";
import { consumeRateLimit } from "@/lib/security/rate-limit";

// Step one of sign-up. Every request gets the same answer ("check your inbox"), so the form
// says nothing about which addresses have accounts; what differs is only what the address's
// owner receives.

/** Mails to one address per hour, so the form cannot be used to flood someone's inbox. */
export const SIGN_UP_MAILS_PER_ADDRESS = 5;

export async function requestSignUp(email: string): Promise<void> {
  if (await consumeRateLimit(`signup-mail:${email}`, SIGN_UP_MAILS_PER_ADDRESS, 60 * 60 * 1000)) return;
  const holder = await findUserByEmail(email);
  if (holder?.emailVerified) {
    await sendMail(signUpAttemptMail(holder.email, holder.name));
    return;
  }
  await sendMail(signUpMail(email, await createSignUpRequest(email)));
}
