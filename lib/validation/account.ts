// Account forms: one schema each, used by the browser (zodResolver) and the server actions.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/security/password-rules";

export const email = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "E-mail addresses are at most 254 characters.")
  .pipe(z.email("Enter an e-mail address like name@company.com."))
  .transform((v) => v.toLowerCase());

const name = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.");

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

export const signUpSchema = z.object({
  name,
  organizationName: z
    .string()
    .trim()
    .min(2, "Enter your company's name (at least 2 characters).")
    .max(100, "Use at most 100 characters.")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters."),
  email,
  password: newPassword,
});

export const forgotPasswordSchema = z.object({ email });
export const resendVerificationSchema = z.object({ email });

export const resetPasswordSchema = z.object({ token: z.string().min(1).max(200), password: newPassword });

export const inviteSchema = z.object({ email });

export const acceptInviteSchema = z.object({ token: z.string().min(1).max(200), name, password: newPassword });

export const removeMemberSchema = z.object({ userId: z.uuid("Unknown member.") });
export const revokeInvitationSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

/**
 * Only paths on this site, so a crafted link cannot send people elsewhere after sign-in.
 * Browsers drop tabs and newlines inside URLs and treat "\\" like "/", so "/\t/evil.example"
 * would mean "//evil.example": the value is resolved the way a browser would, and it must stay
 * on our origin.
 */
export function safeCallbackUrl(value: string | undefined | null, fallback = "/"): string {
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const base = "http://portal.invalid";
    const url = new URL(value, base);
    return url.origin === base ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}
