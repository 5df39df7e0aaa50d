import "server-only";
import { createSession, endSession, findSession, touchSession } from "@/lib/db/sessions";
import { revokeStaffRights } from "@/lib/db/users";
import { env, type SessionLimits } from "@/lib/env";

// Sessions live in the database; the cookie only names one. A session ends when signed out,
// after its idle timeout or its absolute lifetime (shorter for platform staff), and when its
// user's rights change (password, removal, staff list). Each request checks all of that.

/** Activity is written at most this often per session, not on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

function sessionLimits(isStaff: boolean): SessionLimits {
  return isStaff ? env().sessions.admin : env().sessions.partner;
}

/**
 * A new session for a user who just proved who they are; returns its id for the cookie.
 * `secondFactor` records how staff proved themselves beyond the password (or "sso").
 */
export async function startSession(user: { id: string; isStaff: boolean }, secondFactor: string | null = null, now = new Date()): Promise<string> {
  return createSession(user.id, new Date(now.getTime() + sessionLimits(user.isStaff).lifetimeMs), secondFactor);
}

/** The signed-in user of an open session, or null; ends a session that has run out. */
export async function activeSessionUser(sessionId: string, now = new Date()) {
  const session = await findSession(sessionId);
  if (!session || session.endedAt || !session.user.emailVerified) return null;
  const { user } = session;
  const limits = sessionLimits(user.isStaff);
  if (session.expiresAt <= now || session.createdAt.getTime() + limits.lifetimeMs <= now.getTime()) {
    await endSession(session.id, "expired");
    return null;
  }
  if (session.lastSeenAt.getTime() + limits.idleMs <= now.getTime()) {
    await endSession(session.id, "idle");
    return null;
  }
  if (user.isStaff && !env().adminEmails.has(user.email)) {
    await revokeStaffRights(user);
    return null;
  }
  // Staff sessions exist only after a second factor or single sign-on; anything else is refused.
  if (user.isStaff && !session.secondFactor) {
    await endSession(session.id, "second_factor_missing");
    return null;
  }
  // The row just read says whether a touch is due: most requests (autosave every few seconds)
  // then cost no write at all. touchSession re-checks, so concurrent requests write it once.
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(session.id, now, TOUCH_INTERVAL_MS);
  return { ...user, sessionId: session.id };
}
