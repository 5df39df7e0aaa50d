// Recovery codes: the fallback when a staff member's passkey and authenticator app are both
// out of reach. Ten single-use codes, shown once, kept as SHA-256 only.
import { randomBytes } from "node:crypto";
import { hashToken } from "./tokens";
import { base32Encode } from "./totp";

const RECOVERY_CODE_COUNT = 10;

/** Ten codes like "7QKM-2XHD-PA", 50 bits each: easy to type, impossible to guess in the attempts allowed. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = base32Encode(randomBytes(7)).slice(0, 10);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 10)}`;
  });
}

/** What is stored and compared: upper case, without separators or spaces. */
export function recoveryCodeHash(code: string): string {
  return hashToken(code.toUpperCase().replace(/[\s-]/g, ""));
}
