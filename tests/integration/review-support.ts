// Shared setup for the review workflow tests (not a test file itself): organizations with a
// partner member, staff admins, and registrations taken through the data layer.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { createRegistration, submitDraft } from "@/lib/db/registrations";
import { DomainError } from "@/lib/errors";
import type { Person } from "@/lib/db/actors";
import type { Environment, RegistrationData } from "@/lib/registration/fields";
import { valid } from "../unit/registration/fixtures";

let counter = 0;
const next = () => ++counter;

export type Org = { id: string; name: string; member: Person };

/** An organization with one partner member (OWNER). */
export async function organizationWithMember(name = `Org ${next()}`, memberName = `Member ${next()}`): Promise<Org> {
  const client = await db();
  const org = await client.organization.create({ data: { name }, select: { id: true, name: true } });
  const member = await client.user.create({
    data: {
      email: `member-${next()}@partner.example`,
      name: memberName,
      emailVerified: new Date(),
      membership: { create: { organizationId: org.id, role: "OWNER" } },
    },
    select: { id: true, name: true, email: true },
  });
  return { ...org, member };
}

/** A verified platform staff account (an admin; not a member of any organization). */
export async function staffAdmin(name = `Admin ${next()}`): Promise<Person> {
  return (await db()).user.create({
    data: { email: `admin-${next()}@platform.example`, name, isStaff: true, emailVerified: new Date() },
    select: { id: true, name: true, email: true },
  });
}

/** A registration created with createRegistration (revision 1 is a draft). */
export async function draftRegistration(org: Org, data: RegistrationData = valid(), environment: Environment = "staging") {
  const { id } = await createRegistration({ organizationId: org.id, member: org.member, environment, data });
  return id;
}

/** Submits the registration's open draft (its version must be `version`). */
export async function submit(org: Org, registrationId: string, data: RegistrationData = valid(), version = 1) {
  const result = await submitDraft({ organizationId: org.id, organizationName: org.name, registrationId, member: org.member, version, data });
  expect(result).toBe("submitted");
}

/** A registration whose revision 1 is SUBMITTED. */
export async function submittedRegistration(org: Org, data: RegistrationData = valid(), environment: Environment = "staging") {
  const id = await draftRegistration(org, data, environment);
  await submit(org, id, data);
  return id;
}

/** The DomainError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function reviewError(promise: Promise<unknown>): Promise<DomainError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a DomainError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(DomainError);
  return outcome.error as DomainError;
}

export async function revisionRow(registrationId: string, number: number) {
  return (await db()).revision.findFirstOrThrow({
    where: { registrationId, number },
    select: {
      status: true,
      data: true,
      version: true,
      claimedById: true,
      claimedAt: true,
      decidedById: true,
      decidedAt: true,
      decisionNote: true,
      submittedAt: true,
      comments: { orderBy: { createdAt: "asc" }, select: { field: true, body: true, authorId: true } },
    },
  });
}

export async function registrationRow(registrationId: string) {
  return (await db()).registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: { latestStatus: true, reviewStatus: true, submittedAt: true, everSubmitted: true, searchText: true, clientName: true },
  });
}
