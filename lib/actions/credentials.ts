"use server";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { action } from "@/lib/actions/safe-action";
import { personOf } from "@/lib/db/actors";
import { GRACE_PERIODS, linkClient, retirePreviousSecret, revealSecretOnce, revokeRegistration, rotateSecret } from "@/lib/domain/credentials";
import { env } from "@/lib/env";

const registrationId = z.uuid("Unknown registration.");
const GRACE_VALUES: readonly number[] = GRACE_PERIODS.map((g) => g.value);

const REVEAL_REFUSED = {
  already_revealed: "This secret was already revealed. An owner can rotate it to get a new one if it was lost.",
  owners_only: "Only an owner of your organization can reveal a rotated secret.",
  none: "This registration has no secret to reveal.",
};

const ROTATE_REFUSED = {
  no_live_client: "This registration has no live client.",
  public_client: "Public clients have no secret to rotate.",
  rotated_by_staff: "Secrets at this authorization server are rotated by platform staff. Contact them to rotate it.",
};

export const revealSecretAction = action("member", z.object({ registrationId }), async (input, { user }) => {
  const owner = user.membership.role === "OWNER";
  const reveal = await revealSecretOnce(user.membership.organization.id, input.registrationId, personOf(user), owner);
  if (reveal.status !== "revealed") throw new DomainError("invalid", REVEAL_REFUSED[reveal.status], { code: reveal.status });
  return { ok: true, data: { secret: reveal.secret } };
});

// Rotating ends the live secret after the grace period, so it is an owner's decision.
export const rotateSecretAction = action(
  "owner",
  z.object({ registrationId, grace: z.coerce.number().refine((v) => GRACE_VALUES.includes(v), "Choose a grace period from the list.") }),
  async (input, { user }) => {
    const rotation = await rotateSecret(user.membership.organization.id, input.registrationId, personOf(user), input.grace);
    if (rotation.status !== "rotated") throw new DomainError("invalid", ROTATE_REFUSED[rotation.status]);
    return { ok: true, message: "A new secret is ready. Reveal it below and roll it out." };
  },
);

const RETIRE_REFUSED = {
  ...ROTATE_REFUSED,
  not_in_grace: "That previous secret has already stopped working: its grace period ended or it was retired.",
};

// Retiring ends a secret the organization's apps may still use, so, like rotating, it is an owner's decision.
export const retirePreviousSecretAction = action("owner", z.object({ registrationId, secretId: z.uuid("Unknown secret.") }), async (input, { user }) => {
  const retired = await retirePreviousSecret(user.membership.organization.id, input.registrationId, input.secretId, personOf(user));
  if (retired.status !== "retired") throw new DomainError("invalid", RETIRE_REFUSED[retired.status], { code: retired.status });
  return { ok: true, message: "The previous secret was retired. It no longer works." };
});

export const revokeAsOwnerAction = action("owner", z.object({ registrationId }), async (input, { user }) => {
  await revokeRegistration(input.registrationId, { ...personOf(user), role: "partner" }, user.membership.organization.id);
  return { ok: true, message: "The client was deleted at the authorization server. Its credentials no longer work." };
});

export const revokeAsAdminAction = action("admin", z.object({ registrationId }), async (input, { user }) => {
  await revokeRegistration(input.registrationId, { ...personOf(user), role: "admin" });
  return { ok: true, message: "The client was deleted at the authorization server." };
});

export const linkClientAction = action(
  "admin",
  z.object({
    registrationId,
    clientId: z.string().trim().min(1, "Enter the client ID.").max(200, "Client IDs here are at most 200 characters."),
    // The example is the configured server's, so the form never names another brand's.
    issuer: z.url({ protocol: /^https?$/, error: () => `Enter the issuer's URL, e.g. ${env().brandIssuers.production}` }),
  }),
  async (input, { user }) => {
    await linkClient(input.registrationId, { clientId: input.clientId, issuer: input.issuer }, personOf(user));
    return { ok: true, message: `Client ${input.clientId} linked. Approve the registration to make it live.` };
  },
);
