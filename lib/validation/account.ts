// Account forms: one schema each, used by the browser (zodResolver) and the server actions.
import "@/lib/validation/zod-browser";
import { z } from "zod";
import { brandMessage, usesBrand } from "@/lib/registration/brand";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

export const email = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "E-mail addresses are at most 254 characters.")
  .pipe(z.email("Enter an e-mail address like name@company.com."))
  .transform((v) => v.toLowerCase());

/** Anything a mail client or browser could turn into a link: a scheme, www., a host name, an address. */
const WEB_ADDRESS = /:\/\/|\bwww\.|[\p{L}\p{N}-]\.[\p{L}]{2,}(?![\p{L}])|@/iu;
const NO_WEB_ADDRESS = "Leave out web and e-mail addresses: this name appears in e-mails to other people.";

const name = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.")
  .refine((v) => !WEB_ADDRESS.test(v), NO_WEB_ADDRESS);

export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

const callbackUrl = z.string().optional();

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH, "That password is too long."),
  callbackUrl,
});

/**
 * An organization's name lands in invitation e-mails, so it may not carry a link or pose as
 * the platform. The brand is passed in (the browser has no configuration); the server action
 * checks it again with the configured brand.
 */
function organizationNameSchema(brand?: string) {
  return z
    .string()
    .trim()
    .min(2, "Enter your company's name (at least 2 characters).")
    .max(100, "Use at most 100 characters.")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.")
    .refine((v) => !WEB_ADDRESS.test(v), NO_WEB_ADDRESS)
    .refine((v) => !brand || !usesBrand(v, brand), brand ? brandMessage(brand) : "");
}

/** Step one: only the address. Everything else is chosen by whoever follows the e-mailed link. */
export const signUpSchema = z.object({ email });

const linkToken = z.string().min(1).max(200);

/** Step two, on the confirmation page. Staff addresses get no organization. */
export function completeSignUpSchema(brand?: string) {
  return z.object({ token: linkToken, name, organizationName: organizationNameSchema(brand).optional(), password: newPassword });
}

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({ token: linkToken, password: newPassword });

export const inviteSchema = z.object({ email });

export const acceptInviteSchema = z.object({ token: linkToken, name, password: newPassword });

export const changeNameSchema = z.object({ name });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH, "That password is too long."),
  newPassword,
});

/** Deleting an account asks for the current password, or the e-mail address when the account has none (SSO). */
export const deleteAccountSchema = z.object({
  confirmation: z.string().min(1, "Confirm with your password (or your e-mail address if you sign in with single sign-on).").max(PASSWORD_MAX_LENGTH),
});

export const memberRoleSchema = z.object({ userId: z.uuid("Unknown member."), role: z.enum(["OWNER", "MEMBER"], "Choose owner or member.") });

export const removeMemberSchema = z.object({ userId: z.uuid("Unknown member.") });
export const revokeInvitationSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

/**
 * Only paths on this site, so a crafted link cannot send people elsewhere after sign-in.
 * The value is resolved the way a browser would (tabs and newlines dropped, "\\" read as "/",
 * dot segments and %2e removed), and the *result* is checked: "/.//evil.example" resolves to
 * the path "//evil.example", which a browser reads as another host.
 */
export function safeCallbackUrl(value: string | undefined | null, fallback = "/"): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const base = "http://portal.invalid";
    const url = new URL(value, base);
    const path = url.pathname + url.search + url.hash;
    return url.origin === base && isPlainPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

/** A path a browser resolves against the current origin: one leading slash, then no slash or backslash. */
function isPlainPath(path: string): boolean {
  return path.startsWith("/") && !/^\/[/\\]/.test(path);
}

/** One code from an authenticator app or a recovery code, as the second-factor forms send it. */
export const oneCodeSchema = z.object({ code: z.string().trim().min(1, "Enter the code.").max(40, "That code is too long.") });
