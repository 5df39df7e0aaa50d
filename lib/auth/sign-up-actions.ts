"use server";
import { DomainError } from "@/lib/errors";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { completeSignUp } from "@/lib/db/sign-ups";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { brandMessage, usesBrand } from "@/lib/registration/brand";
import { hashPassword } from "@/lib/security/password";
import { formatWait, takeSignUpAttempt } from "@/lib/security/rate-limit";
import { completeSignUpSchema, signUpSchema } from "@/lib/validation/account";
import { issueSignInGrant, signIn } from "./auth";
import { requestSignUp } from "./sign-up";
import { startStaffSecondFactor } from "./second-factor-cookie";
import { rememberSignUp, signedUpEmail } from "./sign-up-cookie";

const FIELDS = "Some fields need your attention.";

async function startSignUp(email: string) {
  const ip = clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
  const wait = await takeSignUpAttempt(ip, env().signUpLimitPerIp);
  if (wait) throw new DomainError("rate_limited", `Too many sign-up attempts from your network. Try again in ${formatWait(wait)}.`);
  await requestSignUp(email);
  await rememberSignUp(email);
}

export const signUpAction = action("public", signUpSchema, async ({ email }) => {
  await startSignUp(email);
  redirect("/check-email");
});

/** "Send the link again" on the check-email page: the address comes from this browser's cookie. */
export const resendSignUpAction = action("public", z.object({}), async () => {
  const email = await signedUpEmail();
  if (!email) throw new DomainError("invalid", "We no longer know which address you signed up with. Start again from the sign-up page.");
  await startSignUp(email);
  return { ok: true, message: `If ${email} can receive mail, a new link is on its way. Earlier links no longer work.` };
});

const LINK_MESSAGES = {
  expired: "This confirmation link has expired. Sign up again to get a new one.",
  used: "This confirmation link has already been used, or a newer one was sent. Sign in, or use the newest link.",
  invalid: "This confirmation link is not valid. Sign up again to get a new one.",
};

export const completeSignUpAction = action("public", completeSignUpSchema(), async ({ token, name, organizationName, password }) => {
  const { adminEmails, brandName } = env();
  if (organizationName && usesBrand(organizationName, brandName)) {
    throw new DomainError("invalid", FIELDS, { fieldErrors: { organizationName: [brandMessage(brandName)] } });
  }
  const passwordHash = await hashPassword(password);
  let staff = false;
  let user: { id: string };
  try {
    user = await completeSignUp(token, {
      name,
      passwordHash,
      organizationName: (email) => {
        staff = adminEmails.has(email);
        if (staff) return null;
        if (!organizationName)
          throw new DomainError("invalid", FIELDS, { fieldErrors: { organizationName: ["Enter your company's name (at least 2 characters)."] } });
        return organizationName;
      },
    });
  } catch (error) {
    const code = error instanceof DomainError ? error.code : undefined;
    if (code === "expired" || code === "used" || code === "invalid") throw new DomainError("invalid", LINK_MESSAGES[code], { code });
    if (code === "email_taken") {
      throw new DomainError("invalid", "This address already has an account. Sign in, or reset your password.", { code: "email_taken" });
    }
    throw error;
  }
  if (staff) await startStaffSecondFactor(user.id, "/admin");
  await signIn("grant", { grant: issueSignInGrant(user.id), redirectTo: "/registrations?welcome=1" });
});
