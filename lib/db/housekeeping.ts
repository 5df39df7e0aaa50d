import "server-only";
import { pruneAuthTokens } from "./auth-tokens";
import { db } from "./index";
import { pruneMail } from "./mail";
import { pruneInvitations } from "./organizations";
import { pruneEvents } from "./rate-limit-events";
import { pruneChallenges } from "./second-factors";
import { pruneSessions } from "./sessions";
import { pruneSignUpRequests } from "./sign-ups";
import { expireStaleRuns, wipeEndedRunState } from "./test-runs";

// One housekeeping run: every prune in one transaction that first tries a transaction-level
// advisory lock. An instance that finds the lock taken skips its run instead of waiting, so
// one instance at a time does the work. The lock ends with the transaction, so it cannot be
// left behind on a pooled connection the way a session-level lock could.

/** pg_try_advisory_xact_lock(int, int): apart from the rate limits' namespace (7141) and the migration lock (bigint). */
export const HOUSEKEEPING_LOCK = { namespace: 7_142, key: 1 } as const;

/** What is removed: each kind of row that ended (or was created) before its time. */
export type Cutoffs = {
  now: Date;
  rateLimitEvents: Date;
  links: Date;
  challenges: Date;
  sessions: Date;
  mail: Date;
  testRunState: Date;
};

export type Pruned = {
  rateLimitEvents: number;
  signUpRequests: number;
  resetRequests: number;
  invitations: number;
  challenges: number;
  sessions: number;
  mail: number;
  testRunsExpired: number;
  testRunsWiped: number;
};

/** Runs the prunes, or returns null when another instance holds the lock. */
export async function pruneExclusively(c: Cutoffs): Promise<Pruned | null> {
  return (await db()).$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${HOUSEKEEPING_LOCK.namespace}::int, ${HOUSEKEEPING_LOCK.key}::int) AS locked`;
      if (!row?.locked) return null;
      return {
        rateLimitEvents: await pruneEvents(c.rateLimitEvents, tx),
        signUpRequests: await pruneSignUpRequests(c.links, tx),
        resetRequests: await pruneAuthTokens(c.links, tx),
        invitations: await pruneInvitations(c.links, tx),
        challenges: await pruneChallenges(c.challenges, tx),
        sessions: await pruneSessions(c.sessions, tx),
        mail: await pruneMail(c.mail, tx),
        testRunsExpired: await expireStaleRuns(c.now, tx),
        testRunsWiped: await wipeEndedRunState(c.testRunState, tx),
      };
    },
    // Deletes of a day's rows can take a while on a big table; another run simply skips.
    { maxWait: 10_000, timeout: 5 * 60_000 },
  );
}
