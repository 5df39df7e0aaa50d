import "next-auth";

declare module "next-auth" {
  interface Session {
    /** Portal user id; the guards load everything else from the database. */
    uid?: string;
    /** Must equal the user's sessionVersion, which password reset and removal bump. */
    sv?: number;
  }
}
