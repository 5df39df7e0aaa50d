import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import {
  addPasskey,
  addTotp,
  countFactors,
  findChallenge,
  markFactorUsed,
  passkeysOf,
  recordChallengeFailure,
  replaceRecoveryCodes,
  setChallengeState,
  totpFactorsOf,
  useRecoveryCode,
} from "@/lib/db/second-factors";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { attemptSucceeded, clearSignInFailures, signInLockState, takeSignInAttempt } from "@/lib/security/rate-limit";
import { newRecoveryCodes } from "@/lib/security/recovery-codes";
import { matchTotp, newTotpSecret, otpauthUri } from "@/lib/security/totp";
import { lockedOut, securityEvent } from "./security-events";

// Staff second factors: passkeys (WebAuthn), with an authenticator app (TOTP) and recovery
// codes as the fallback. Every attempt counts against the account's sign-in limit, like a
// password, so a stolen password does not buy unlimited guesses at a six-digit code.

export type Challenge = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;
export type SecondFactorMethod = "passkey" | "totp" | "recovery_code";

function relyingParty() {
  const url = new URL(env().appUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: `${env().brandName} Partner Portal` };
}

/** What the person must do at this step: prove a factor, or add the first one. */
export async function stageOf(challenge: Challenge): Promise<"verify" | "enroll" | "enrolled"> {
  if (challenge.enrolledAt) return "enrolled";
  return (await countFactors(challenge.userId)) > 0 && challenge.purpose === "sign_in" ? "verify" : "enroll";
}

/** Runs one attempt under the account's sign-in limit; a wrong one is kept as a failure. */
async function attempt<T>(challenge: Challenge, ip: string | undefined, check: () => Promise<T | undefined>): Promise<T> {
  const taken = await takeSignInAttempt(challenge.user.email, ip);
  if (!taken.ok) throw new DomainError("locked", "Too many failed attempts for this account. Wait 15 minutes, then sign in again.", { code: "locked" });
  let result: T | undefined;
  try {
    result = await check();
  } catch (error) {
    log.warn("second_factor.verification_error", { error: error instanceof Error ? error.message : String(error) });
  }
  if (result === undefined) {
    await recordChallengeFailure(challenge.id);
    const after = await signInLockState(challenge.user.email, ip);
    if (after.locked && after.scope === "account") await lockedOut(challenge.user.email, after.retryAfterSeconds * 1000);
    throw new DomainError("invalid", "That did not work. Check it and try again.", { code: "wrong" });
  }
  await attemptSucceeded(taken);
  return result;
}

// Passkeys.

export async function passkeyRegistrationOptions(challenge: Challenge) {
  const { rpID, rpName } = relyingParty();
  const existing = await passkeysOf(challenge.userId);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: challenge.user.email,
    userDisplayName: challenge.user.name,
    userID: new TextEncoder().encode(challenge.userId),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await setChallengeState(challenge.id, { challenge: options.challenge });
  return options;
}

export async function registerPasskey(challenge: Challenge, response: RegistrationResponseJSON, ip: string | undefined) {
  const { rpID, origin } = relyingParty();
  const info = await attempt(challenge, ip, async () => {
    if (!challenge.challenge) return undefined;
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
    return verified.verified ? verified.registrationInfo : undefined;
  });
  await addPasskey(challenge.userId, {
    credentialId: info.credential.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: info.credential.transports ?? [],
    label: `Passkey added ${new Date().toISOString().slice(0, 10)}`,
  });
  await setChallengeState(challenge.id, { challenge: null });
  await securityEvent("passkey_added", challenge.user);
}

export async function passkeyAuthenticationOptions(challenge: Challenge) {
  const passkeys = await passkeysOf(challenge.userId);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    userVerification: "required",
  });
  await setChallengeState(challenge.id, { challenge: options.challenge });
  return options;
}

export async function verifyPasskey(challenge: Challenge, response: AuthenticationResponseJSON, ip: string | undefined) {
  const { rpID, origin } = relyingParty();
  await attempt(challenge, ip, async () => {
    const passkey = (await passkeysOf(challenge.userId)).find((p) => p.credentialId === response.id);
    if (!passkey || !challenge.challenge) return undefined;
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.credentialId, publicKey: passkey.publicKey, counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: true,
    });
    if (!verified.verified) return undefined;
    await markFactorUsed(passkey.id, { counter: verified.authenticationInfo.newCounter });
    return true;
  });
  await setChallengeState(challenge.id, { challenge: null });
}

// Authenticator apps.

/** A new secret for this step, and what the app scans or the person types. */
export async function startTotpEnrollment(challenge: Challenge) {
  const secret = challenge.totpSecret ?? newTotpSecret();
  if (!challenge.totpSecret) await setChallengeState(challenge.id, { totpSecret: secret });
  return { secret, uri: otpauthUri(secret, challenge.user.email, relyingParty().rpName) };
}

export async function confirmTotpEnrollment(challenge: Challenge, code: string, ip: string | undefined) {
  const step = await attempt(challenge, ip, async () => (challenge.totpSecret ? matchTotp(challenge.totpSecret, code, Date.now(), null) : undefined));
  await addTotp(challenge.userId, challenge.totpSecret!, step, `Authenticator app added ${new Date().toISOString().slice(0, 10)}`);
  await setChallengeState(challenge.id, { totpSecret: null });
  await securityEvent("totp_added", challenge.user);
}

export async function verifyTotp(challenge: Challenge, code: string, ip: string | undefined) {
  await attempt(challenge, ip, async () => {
    for (const factor of await totpFactorsOf(challenge.userId)) {
      const step = matchTotp(factor.secret, code, Date.now(), factor.lastStep);
      if (step !== undefined && (await markFactorUsed(factor.id, { totpStep: step }))) return true;
    }
    return undefined;
  });
}

export async function verifyRecoveryCode(challenge: Challenge, code: string, ip: string | undefined) {
  await attempt(challenge, ip, async () => ((await useRecoveryCode(challenge.userId, code)) ? true : undefined));
}

/** New recovery codes (earlier ones stop working), to show once. */
export async function issueRecoveryCodes(user: { id: string; name: string; email: string; isStaff: boolean }) {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(user.id, codes);
  await securityEvent("recovery_codes_created", user);
  return codes;
}

/** A finished sign-in: the account's failure count starts again. */
export async function secondFactorPassed(challenge: Challenge) {
  await clearSignInFailures(challenge.user.email);
}
