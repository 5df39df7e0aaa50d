// Validated configuration, read once per process. A missing or malformed variable stops the
// process with one line naming it (see formatEnvError). APP_ENV, not NODE_ENV, decides the
// mode: `npm start` always serves a production build, so NODE_ENV is "production" even for
// the embedded default.
import { z } from "zod";
import { DEMO_ADMIN_EMAIL } from "./db/demo-accounts";
import { loadLocalSecrets } from "./local-secrets";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "" || v === "0" || v === "false" || v === "no") return false;
    if (v === "1" || v === "true" || v === "yes") return true;
    ctx.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  });

/** A whole number of at least 1, with a default when unset. */
function positiveInt(fallback: number) {
  return optionalString.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1) return n;
    ctx.addIssue({ code: "custom", message: "must be a whole number of at least 1" });
    return z.NEVER;
  });
}

/** One sandbox user of the embedded authorization server, as SANDBOX_USERS lists them. */
const sandboxUser = z
  .object({
    email: z.email({ message: "email must be an e-mail address" }).transform((v) => v.toLowerCase()),
    name: z.string({ message: "name is required" }).trim().min(1, "name is required"),
    password: z.string({ message: "password is required" }).min(12, "password must be at least 12 characters"),
    company: z.string({ message: "company must be text" }).trim().min(1, "company must not be empty").optional(),
  })
  .strict();
export type SandboxUserConfig = z.infer<typeof sandboxUser>;

const SANDBOX_USERS_SHAPE = 'must be a JSON array of {"email", "name", "password", "company"?}';

// Never quotes the value or JSON.parse's message: both can contain a password.
const sandboxUsers = optionalString.transform((v, ctx): SandboxUserConfig[] | undefined => {
  if (v === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: "custom", message: `${SANDBOX_USERS_SHAPE} (it is not valid JSON)` });
    return z.NEVER;
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    ctx.addIssue({ code: "custom", message: `${SANDBOX_USERS_SHAPE} with at least one user` });
    return z.NEVER;
  }
  const users: SandboxUserConfig[] = [];
  for (const [i, entry] of raw.entries()) {
    const parsed = sandboxUser.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = issue?.code === "unrecognized_keys" ? `unknown field ${issue.keys.join(", ")}` : (issue?.message ?? "is invalid");
      ctx.addIssue({ code: "custom", message: `${SANDBOX_USERS_SHAPE}: user ${i + 1}: ${detail}` });
      return z.NEVER;
    }
    if (users.some((u) => u.email === parsed.data.email)) {
      ctx.addIssue({ code: "custom", message: `${SANDBOX_USERS_SHAPE}: user ${i + 1}: ${parsed.data.email} is listed twice` });
      return z.NEVER;
    }
    users.push(parsed.data);
  }
  return users;
});

const schema = z
  .object({
    APP_ENV: z
      .enum(["production", ""], { message: 'must be "production" or unset' })
      .optional()
      .transform((v) => (v === "production" ? ("production" as const) : ("local" as const))),
    PORT: optionalString.transform((v, ctx) => {
      if (v === undefined) return 3000;
      const port = Number(v);
      if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
      ctx.addIssue({ code: "custom", message: "must be a port number (1-65535)" });
      return z.NEVER;
    }),
    APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional()),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    DATA_DIR: optionalString,
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    DATA_ENCRYPTION_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^[0-9a-f]{64}$/i, "must be 64 hex characters (32 bytes)")
        .optional(),
    ),
    ADMIN_EMAILS: optionalString,
    AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: optionalString,
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
        .optional(),
    ),
    MAIL_FROM: optionalString,
    MAIL_RETRY_INTERVAL_SECONDS: positiveInt(30),
    MAIL_BACKOFF_SECONDS: positiveInt(30),
    MAIL_MAX_ATTEMPTS: positiveInt(6),
    MAIL_RETENTION_DAYS: positiveInt(30),
    SESSION_RETENTION_DAYS: positiveInt(30),
    HOUSEKEEPING_INTERVAL_MINUTES: positiveInt(60),
    TRUST_PROXY: booleanFlag,
    SIGN_UP_LIMIT_PER_IP: positiveInt(10),
    STAFF_SSO_ONLY: booleanFlag,
    SESSION_IDLE_MINUTES: positiveInt(24 * 60),
    ADMIN_SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_LIFETIME_HOURS: positiveInt(7 * 24),
    ADMIN_SESSION_LIFETIME_HOURS: positiveInt(12),
    BRAND_NAME: optionalString,
    BRAND_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional()),
    BRAND_STAGING_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional()),
    OAUTH_ISSUER: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
    OAUTH_INITIAL_ACCESS_TOKEN: optionalString,
    OAUTH_PRODUCTION_ISSUER: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
    OAUTH_PRODUCTION_INITIAL_ACCESS_TOKEN: optionalString,
    OAUTH_TEST_API_URL: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
    OAUTH_TIMEOUT_SECONDS: positiveInt(10),
    SANDBOX_USERS: sandboxUsers,
    INSTANT_STAGING: z
      .enum(["on", "off", ""], { message: 'must be "on", "off" or unset' })
      .optional()
      .transform((v) => (v === "on" || v === "off" ? v : undefined)),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV === "production") {
      // SMTP too: without it, mail (reset links included) would only go to the server log.
      for (const key of ["AUTH_SECRET", "DATA_ENCRYPTION_KEY", "APP_URL", "SMTP_URL"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when APP_ENV=production" });
      }
      // Without either, Staging would fall back to the embedded server with its demo users.
      if (!env.OAUTH_ISSUER && !env.SANDBOX_USERS) {
        ctx.addIssue({
          code: "custom",
          path: ["OAUTH_ISSUER"],
          message: "or SANDBOX_USERS is required when APP_ENV=production (an external authorization server, or the embedded one with its own sandbox users)",
        });
      }
    }
    if (env.APP_ENV === "production" && env.INSTANT_STAGING === "on") {
      ctx.addIssue({
        code: "custom",
        path: ["INSTANT_STAGING"],
        message: "cannot be on when APP_ENV=production: an admin switches the policy on at /admin/policy",
      });
    }
    if (env.OAUTH_ISSUER && !env.OAUTH_INITIAL_ACCESS_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["OAUTH_INITIAL_ACCESS_TOKEN"], message: "is required when OAUTH_ISSUER is set" });
    }
    if (env.OAUTH_PRODUCTION_ISSUER && !env.OAUTH_PRODUCTION_INITIAL_ACCESS_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["OAUTH_PRODUCTION_INITIAL_ACCESS_TOKEN"], message: "is required when OAUTH_PRODUCTION_ISSUER is set" });
    }
    if (env.STAFF_SSO_ONLY && !env.AUTH_OIDC_ISSUER) {
      ctx.addIssue({
        code: "custom",
        path: ["STAFF_SSO_ONLY"],
        message: "needs staff single sign-on (AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET)",
      });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      const missing = (["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const).find((k) => !env[k]);
      ctx.addIssue({
        code: "custom",
        path: [missing ?? "AUTH_OIDC_ISSUER"],
        message: "is required when any AUTH_OIDC_* variable is set",
      });
    }
  });

export type Env = {
  appEnv: "production" | "local";
  isProduction: boolean;
  port: number;
  appUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  dataEncryptionKey: Buffer;
  adminEmails: ReadonlySet<string>;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Retries of undelivered mail: a pass every intervalMs; attempt n failed waits backoffMs × 2^n. */
  mailDelivery: { retryIntervalMs: number; backoffMs: number; maxAttempts: number };
  /** Housekeeping: how often it runs, and how long delivered mail and ended sessions are kept. */
  housekeeping: { intervalMs: number; mailRetentionMs: number; sessionRetentionMs: number };
  trustProxy: boolean;
  /** Staff sign in only through single sign-on (needs AUTH_OIDC_*): their passwords are refused. */
  staffSsoOnly: boolean;
  /** Sign-up attempts per client IP per hour, whatever their outcome. */
  signUpLimitPerIp: number;
  /** Sessions end after this long without a request, or this long after sign-in, whichever is first. */
  sessions: { partner: SessionLimits; admin: SessionLimits };
  brandName: string;
  /**
   * Whether the instant-staging policy is on while no admin has saved it yet (lib/domain/policy.ts):
   * off on a real deployment (until an admin switches it on), on in the embedded default unless
   * INSTANT_STAGING=off (the e2e server: its review specs go through a person).
   */
  instantStagingDefault: boolean;
  /**
   * The platform's own authorization servers, offered as the issuer when staff link a client
   * ID issued there by hand. Provisioning never uses them: it uses `oauth` below.
   */
  brandIssuers: { production: string; staging: string };
  oauth: {
    /** Staging: an external issuer, or undefined for the embedded one at APP_URL/oidc. */
    stagingIssuer: string | undefined;
    stagingInitialAccessToken: string | undefined;
    productionIssuer: string | undefined;
    productionInitialAccessToken: string | undefined;
    testApiUrl: string | undefined;
    /** Whether this process serves the embedded authorization server (/oidc, /sandbox). */
    embeddedServer: boolean;
    /** SANDBOX_USERS; undefined: the demo users (never in production, where the server is then off). */
    sandboxUsers: SandboxUserConfig[] | undefined;
    /** How long a provisioning call (RFC 7591/7592) may take before the approval is refused. */
    timeoutMs: number;
  };
};

const DAY_MS = 24 * 3_600_000;

export type SessionLimits = { idleMs: number; lifetimeMs: number };

export class EnvError extends Error {}

/** One line naming the first bad variable, e.g. `Invalid configuration: PORT must be ...`. */
function formatEnvError(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  return `Invalid configuration: ${name} ${issue?.message ?? "is invalid"}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new EnvError(formatEnvError(parsed.error));
  const e = parsed.data;
  const dataDir = e.DATA_DIR ?? ".data";
  const isProduction = e.APP_ENV === "production";
  // The embedded default generates its secrets once into a git-ignored file.
  const local = isProduction || (e.AUTH_SECRET && e.DATA_ENCRYPTION_KEY) ? undefined : loadLocalSecrets(dataDir);
  return {
    appEnv: e.APP_ENV,
    isProduction,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    authSecret: e.AUTH_SECRET ?? local!.authSecret,
    dataEncryptionKey: Buffer.from(e.DATA_ENCRYPTION_KEY ?? local!.dataEncryptionKey, "hex"),
    adminEmails: new Set([
      ...(e.ADMIN_EMAILS ?? "")
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      // The embedded default's seeded admin is staff there, as if listed.
      ...(isProduction ? [] : [DEMO_ADMIN_EMAIL]),
    ]),
    oidc:
      e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: e.AUTH_OIDC_ISSUER,
            clientId: e.AUTH_OIDC_CLIENT_ID,
            clientSecret: e.AUTH_OIDC_CLIENT_SECRET,
            name: e.AUTH_OIDC_NAME ?? "Staff single sign-on",
          }
        : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? "Partner Portal <no-reply@localhost>",
    mailDelivery: {
      retryIntervalMs: e.MAIL_RETRY_INTERVAL_SECONDS * 1000,
      backoffMs: e.MAIL_BACKOFF_SECONDS * 1000,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
    },
    housekeeping: {
      intervalMs: e.HOUSEKEEPING_INTERVAL_MINUTES * 60_000,
      mailRetentionMs: e.MAIL_RETENTION_DAYS * DAY_MS,
      sessionRetentionMs: e.SESSION_RETENTION_DAYS * DAY_MS,
    },
    trustProxy: e.TRUST_PROXY,
    signUpLimitPerIp: e.SIGN_UP_LIMIT_PER_IP,
    staffSsoOnly: e.STAFF_SSO_ONLY,
    sessions: {
      partner: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, lifetimeMs: e.SESSION_LIFETIME_HOURS * 3_600_000 },
      admin: { idleMs: e.ADMIN_SESSION_IDLE_MINUTES * 60_000, lifetimeMs: e.ADMIN_SESSION_LIFETIME_HOURS * 3_600_000 },
    },
    brandName: e.BRAND_NAME ?? "Pleo",
    instantStagingDefault: e.INSTANT_STAGING ? e.INSTANT_STAGING === "on" : !isProduction,
    brandIssuers: {
      production: (e.BRAND_ISSUER ?? "https://auth.pleo.io").replace(/\/+$/, ""),
      staging: (e.BRAND_STAGING_ISSUER ?? "https://auth.staging.pleo.io").replace(/\/+$/, ""),
    },
    oauth: {
      stagingIssuer: e.OAUTH_ISSUER?.replace(/\/+$/, ""),
      stagingInitialAccessToken: e.OAUTH_INITIAL_ACCESS_TOKEN,
      productionIssuer: e.OAUTH_PRODUCTION_ISSUER?.replace(/\/+$/, ""),
      productionInitialAccessToken: e.OAUTH_PRODUCTION_INITIAL_ACCESS_TOKEN,
      testApiUrl: e.OAUTH_TEST_API_URL,
      timeoutMs: e.OAUTH_TIMEOUT_SECONDS * 1000,
      embeddedServer: !isProduction || Boolean(e.SANDBOX_USERS),
      sandboxUsers: e.SANDBOX_USERS,
    },
  };
}

const cache = globalThis as unknown as { __portalEnv?: Env };

/** The validated configuration of this process. Throws EnvError with a one-line message. */
export function env(): Env {
  return (cache.__portalEnv ??= parseEnv(process.env));
}
