"use server";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { action } from "@/lib/actions/safe-action";
import { revealSecretOnce, rotateStoredSecret } from "@/lib/db/credentials";
import { personOf } from "@/lib/db/actors";
import { getClientCredentials } from "@/lib/oauth/credentials";
import { linkClient, revokeRegistration } from "@/lib/oauth/lifecycle";
import { rotatorFor } from "@/lib/oauth/rotation";
import { notifyOwnersOfRotation } from "@/lib/auth/security-events";

const registrationId = z.uuid("Unknown registration.");

const REVEAL_REFUSED = {
  already_revealed: "This secret was already revealed. An owner can rotate it to get a new one if it was lost.",
  owners_only: "Only an owner of your organization can reveal a rotated secret.",
  none: "This registration has no secret to reveal.",
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
  z.object({ registrationId, grace: z.coerce.number().refine((v) => [0, 3600, 86400, 604800].includes(v), "Choose a grace period from the list.") }),
  async (input, { user }) => {
    const organizationId = user.membership.organization.id;
    const creds = await getClientCredentials(organizationId, input.registrationId);
    if (!creds || creds.revoked) throw new DomainError("invalid", "This registration has no live client.");
    if (creds.tokenEndpointAuthMethod === "none") throw new DomainError("invalid", "Public clients have no secret to rotate.");
    const rotator = creds.mode === "DYNAMIC" ? rotatorFor(creds.issuer) : undefined;
    if (!rotator) throw new DomainError("invalid", "Secrets at this authorization server are rotated by platform staff. Contact them to rotate it.");
    await rotateStoredSecret(organizationId, input.registrationId, personOf(user), input.grace, (tx) => rotator.rotate(tx, creds.clientId, input.grace));
    await notifyOwnersOfRotation(organizationId, input.registrationId, user, input.grace);
    return { ok: true, message: "A new secret is ready. Reveal it below and roll it out." };
  },
);

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
    issuer: z.url({ protocol: /^https?$/, message: "Enter the issuer's URL, e.g. https://auth.pleo.io" }),
  }),
  async (input, { user }) => {
    await linkClient(input.registrationId, { clientId: input.clientId, issuer: input.issuer }, personOf(user));
    return { ok: true, message: `Client ${input.clientId} linked. Approve the registration to make it live.` };
  },
);
