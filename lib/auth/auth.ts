import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { findSessionUser, upsertSsoStaffUser } from "@/lib/db/users";
import { log } from "@/lib/log";
import { sign, verifySignature } from "@/lib/security/tokens";
import { startSession } from "./session";

// Sign-in is split in two. The sign-in server action checks the rate limits, the password and
// the verified address itself, so it can answer each case precisely; it then hands Auth.js a
// grant: a short-lived value signed with AUTH_SECRET that never leaves the server. The
// "grant" provider accepts nothing else, so Auth.js's public callback endpoint cannot be used
// to guess passwords around the rate limit.
const GRANT_TTL_MS = 30_000;

/** `secondFactor`: how staff proved themselves beyond the password, recorded on the session. */
export function issueSignInGrant(userId: string, secondFactor?: "passkey" | "totp" | "recovery_code"): string {
  return sign(JSON.stringify({ uid: userId, mfa: secondFactor ?? null, exp: Date.now() + GRANT_TTL_MS }), env().authSecret);
}

function readGrant(value: unknown): { uid: string; mfa: string | null } | null {
  const payload = typeof value === "string" ? verifySignature(value, env().authSecret) : undefined;
  if (!payload) return null;
  const parsed = JSON.parse(payload) as { uid?: unknown; mfa?: unknown; exp?: unknown };
  if (typeof parsed.uid !== "string" || typeof parsed.exp !== "number") return null;
  return parsed.exp > Date.now() ? { uid: parsed.uid, mfa: typeof parsed.mfa === "string" ? parsed.mfa : null } : null;
}

export const STAFF_SSO_PROVIDER = "staff-sso";

function config(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "grant",
      credentials: { grant: {} },
      authorize(credentials) {
        const grant = readGrant(credentials?.grant);
        return grant ? { id: grant.uid, secondFactor: grant.mfa } : null;
      },
    }),
  ];
  if (e.oidc) {
    providers.push({
      id: STAFF_SSO_PROVIDER,
      name: e.oidc.name,
      type: "oidc",
      issuer: e.oidc.issuer,
      clientId: e.oidc.clientId,
      clientSecret: e.oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
    });
  }
  return {
    secret: e.authSecret,
    trustHost: true,
    useSecureCookies: e.isProduction,
    // The JWT only names a session row; its lifetime and idle timeout are enforced there.
    session: { strategy: "jwt", maxAge: Math.ceil(e.sessions.partner.lifetimeMs / 1000) },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    logger: {
      error: (error) => log.warn("auth.error", { name: error.name, type: (error as { type?: string }).type }),
      warn: (code) => log.warn("auth.warn", { code }),
      debug: () => undefined,
    },
    callbacks: {
      // Staff single sign-on admits only verified addresses listed in ADMIN_EMAILS.
      signIn({ account, profile }) {
        if (account?.provider !== STAFF_SSO_PROVIDER) return true;
        const email = typeof profile?.email === "string" ? profile.email.toLowerCase() : "";
        if (profile?.email_verified !== true || !e.adminEmails.has(email)) {
          log.warn("auth.sso_refused", { email });
          return "/sign-in?error=sso_not_allowed";
        }
        return true;
      },
      // A session row is created once, at sign-in; the token carries only its id.
      async jwt({ token, user, account, profile }) {
        if (account?.provider === STAFF_SSO_PROVIDER && typeof profile?.email === "string") {
          const staff = await upsertSsoStaffUser({
            email: profile.email,
            name: typeof profile.name === "string" && profile.name ? profile.name : profile.email,
          });
          if (!staff.isStaff || staff.membership) return null; // a partner account cannot become staff by SSO
          return { sid: await startSession(staff, "sso") };
        }
        if (user?.id) {
          const found = await findSessionUser(user.id);
          const secondFactor = (user as { secondFactor?: string | null }).secondFactor ?? null;
          return found ? { sid: await startSession(found, secondFactor) } : null;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
