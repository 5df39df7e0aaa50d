import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The portal's session row (lib/auth/session.ts); the guards load everything else from it. */
    sid?: string;
  }
}
