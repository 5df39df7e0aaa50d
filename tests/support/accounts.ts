// Accounts for integration tests, created the way a completed sign-up creates them.
import { db } from "@/lib/db";
import { createAccountIn } from "@/lib/db/users";

/** A verified partner who owns a new organization, or staff when organizationName is null. */
export async function createAccount(input: { email: string; name: string; passwordHash: string; organizationName: string | null }) {
  return (await db()).$transaction((tx) => createAccountIn(tx, input));
}

export const createPartnerAccount = (input: { email: string; name: string; passwordHash: string; organizationName: string }) => createAccount(input);
