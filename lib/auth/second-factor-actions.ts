"use server";
import { DomainError } from "@/lib/errors";
import { headers } from "next/headers";
import { renderSVG } from "uqr";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { consumeChallenge, createChallenge, findChallenge, removeFactor, setChallengeState } from "@/lib/db/second-factors";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/http/client-ip";
import { issueSignInGrant, signIn } from "./auth";
import {
  confirmTotpEnrollment,
  issueRecoveryCodes,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  secondFactorPassed,
  stageOf,
  startTotpEnrollment,
  verifyPasskey,
  verifyRecoveryCode,
  verifyTotp,
  type Challenge,
  type SecondFactorMethod,
} from "./second-factor";
import { currentChallenge, forgetChallenge, rememberChallenge } from "./second-factor-cookie";

// Second-factor steps, for two kinds of caller: someone between password and session at
// sign-in ("sign_in" step, public: the step's cookie is the credential), and a signed-in staff
// member adding a factor on the account page ("add" step, admins only).

const EXPIRED = "This sign-in step has expired or was already used. Sign in again.";

/** The WebAuthn response as the browser's toJSON() gives it; @simplewebauthn checks the rest. */
const credentialJson = z
  .object({
    id: z.string().min(1).max(2048),
    rawId: z.string().min(1).max(2048),
    type: z.literal("public-key"),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(40).optional(),
  })
  .passthrough();
const credentialInput = z.object({ credential: credentialJson });
const codeInput = z.object({ code: z.string().trim().min(1, "Enter the code.").max(40, "That code is too long.") });
const context = z.object({ context: z.enum(["sign_in", "add"]) });

async function clientIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"), env().trustProxy);
}

/** The open step of this context, checked against the signed-in staff member for "add". */
async function step(kind: "sign_in" | "add", userId?: string): Promise<Challenge> {
  const challenge = await currentChallenge(kind, userId);
  if (!challenge) throw new DomainError("invalid", kind === "sign_in" ? EXPIRED : "This step has expired. Start again.", { code: "expired" });
  return challenge;
}

async function signInStep() {
  return step("sign_in");
}

/** The step of this context; on the account page a new one starts when none is open. */
async function stepFor(kind: "sign_in" | "add", user: { id: string; isStaff: boolean } | null) {
  if (kind === "sign_in") return signInStep();
  if (!user?.isStaff) throw new DomainError("forbidden", "You do not have permission to do this.");
  const open = await currentChallenge("add", user.id);
  if (open) return open;
  const id = await createChallenge(user.id, "add");
  await rememberChallenge("add", id);
  return (await findChallenge(id))!;
}

/** Ends a sign-in step with a session; the step works once. */
async function finish(challenge: Challenge, method: SecondFactorMethod) {
  if (!(await consumeChallenge(challenge.id))) throw new DomainError("invalid", EXPIRED, { code: "expired" });
  await secondFactorPassed(challenge);
  await forgetChallenge("sign_in");
  await signIn("grant", { grant: issueSignInGrant(challenge.userId, method), redirectTo: challenge.callbackUrl });
}

/**
 * After adding a factor. At sign-in (the first factor): recovery codes to show once, and the
 * session starts with finishSignInAction. On the account page: done.
 */
async function enrolled(challenge: Challenge, kind: "sign_in" | "add", method: "passkey" | "totp") {
  if (kind === "sign_in") {
    const codes = await issueRecoveryCodes(challenge.user);
    await setChallengeState(challenge.id, { enrolledWith: method });
    return { ok: true as const, data: { codes } };
  }
  await consumeChallenge(challenge.id);
  await forgetChallenge("add");
  return { ok: true as const, message: method === "passkey" ? "Passkey added." : "Authenticator app added." };
}

// Passkeys: options first, then the browser's answer.

export const passkeyOptionsAction = action("public", context, async (input, { user }) => {
  const challenge = await stepFor(input.context, user);
  const stage = await stageOf(challenge);
  if (stage === "enrolled") throw new DomainError("invalid", "Your second factor is set up: continue.");
  const options = stage === "verify" ? await passkeyAuthenticationOptions(challenge) : await passkeyRegistrationOptions(challenge);
  return {
    ok: true,
    data: {
      mode: stage === "verify" ? ("authenticate" as const) : ("register" as const),
      options: JSON.parse(JSON.stringify(options)) as Record<string, unknown>,
    },
  };
});

export const passkeyAction = action("public", context.and(credentialInput), async (input, { user }) => {
  const challenge = await stepFor(input.context, user);
  const stage = await stageOf(challenge);
  const credential = input.credential as never;
  if (stage === "verify") {
    await verifyPasskey(challenge, credential, await clientIp());
    await finish(challenge, "passkey");
    return { ok: true };
  }
  if (stage === "enrolled") throw new DomainError("invalid", "Your second factor is set up: continue.");
  await registerPasskey(challenge, credential, await clientIp());
  return enrolled(challenge, input.context, "passkey");
});

// Authenticator apps.

export const totpSetupAction = action("public", context, async (input, { user }) => {
  const challenge = await stepFor(input.context, user);
  if ((await stageOf(challenge)) !== "enroll") throw new DomainError("invalid", "An authenticator app can be added while setting up a second factor only.");
  const { secret, uri } = await startTotpEnrollment(challenge);
  return { ok: true, data: { secret, uri, qr: renderSVG(uri, { border: 2 }) } };
});

export const totpCodeAction = action("public", context.and(codeInput), async (input, { user }) => {
  const challenge = await stepFor(input.context, user);
  const stage = await stageOf(challenge);
  if (stage === "verify") {
    await verifyTotp(challenge, input.code, await clientIp());
    await finish(challenge, "totp");
    return { ok: true };
  }
  if (stage === "enrolled" || !challenge.totpSecret) throw new DomainError("invalid", "Scan the code with your app first.");
  await confirmTotpEnrollment(challenge, input.code, await clientIp());
  return enrolled(challenge, input.context, "totp");
});

export const recoveryCodeAction = action("public", codeInput, async (input) => {
  const challenge = await signInStep();
  if ((await stageOf(challenge)) !== "verify") throw new DomainError("invalid", "Recovery codes work once a second factor is set up.");
  await verifyRecoveryCode(challenge, input.code, await clientIp());
  await finish(challenge, "recovery_code");
  return { ok: true };
});

/** After the recovery codes were shown: the session starts. */
export const finishSignInAction = action("public", z.object({}), async () => {
  const challenge = await signInStep();
  if ((await stageOf(challenge)) !== "enrolled") throw new DomainError("invalid", "Add a second factor first.");
  await finish(challenge, challenge.enrolledWith === "totp" ? "totp" : "passkey");
  return { ok: true };
});

// The account page.

export const newRecoveryCodesAction = action("admin", z.object({}), async (_input, { user }) => {
  return { ok: true, data: { codes: await issueRecoveryCodes(user) } };
});

export const removeFactorAction = action("admin", z.object({ factorId: z.uuid("Unknown factor.") }), async (input, { user }) => {
  if (!(await removeFactor(user.id, input.factorId))) throw new DomainError("invalid", "You cannot remove your only second factor. Add another one first.");
  return { ok: true, message: "Second factor removed." };
});
