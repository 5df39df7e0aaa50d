import "server-only";
import { cookies } from "next/headers";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { decode } from "next-auth/jwt";
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

/** Auth.js's name for the session cookie, which is also the salt of its key. */
const sessionCookieName = () => `${env().isProduction ? "__Secure-" : ""}authjs.session-token`;

// Tokens already decrypted, with their session id and expiry (seconds), so a client that
// saves every few seconds pays the key derivation and decryption once. Bounded: the oldest
// entry goes first. Only a token that decrypted with our secret gets in.
const DECODED_MAX = 5_000;
const decoded = new Map<string, { sid: string; exp: number }>();

/**
 * The session id the request's cookie names, or null. Auth.js's auth() would give the same,
 * but it runs its whole session endpoint in process on every request: a Request and Response
 * built and parsed, the token decrypted, then re-encrypted to push its expiry out, into a cookie
 * that a page or route handler never sends. Under autosave load that was a fifth of the
 * server's CPU. Here the token is decrypted once; its lifetime, idle timeout and sign-out live
 * on the session row, which the caller reads on every request. The token holds a session id
 * only, far below the 4 KB at which Auth.js would split it over several cookies.
 */
export async function cookieSessionId(now = Date.now()): Promise<string | null> {
  const name = sessionCookieName();
  // Outside a request (a handler called directly, a script) there is no cookie: signed out, as
  // auth() answered there.
  let token: string | undefined;
  try {
    token = (await cookies()).get(name)?.value;
  } catch {
    return null;
  }
  if (!token) return null;
  const known = decoded.get(token);
  if (known) return known.exp * 1000 > now ? known.sid : null;
  try {
    const payload = await decode({ token, secret: env().authSecret, salt: name });
    if (typeof payload?.sid !== "string" || typeof payload.exp !== "number") return null;
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, { sid: payload.sid, exp: payload.exp });
    return payload.sid;
  } catch (error) {
    // A tampered, expired or foreign token is just "signed out", as it was for auth().
    log.warn("auth.error", { name: "JWTSessionError", type: (error as { code?: string }).code });
    return null;
  }
}
