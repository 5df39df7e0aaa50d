// Field rules that are not about URLs. Each returns what the partner should do, or undefined.
import { brandMessage, usesBrand } from "./brand";
import type { ClientType, PkceSupport } from "./fields";
import { isKnownScope, SCOPE_FORMAT } from "./scopes";

export const LIMITS = {
  clientNameMin: 2,
  clientNameMax: 60,
  contactsMin: 1,
  contactsMax: 10,
  emailMax: 254,
  redirectUrisMin: 1,
  redirectUrisMax: 10,
  scopesMax: 50,
  logoIdMax: 200,
  pkceReasonMin: 20,
  pkceReasonMax: 500,
} as const;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Invisible and text-direction characters: they can make a name look different from what it is. */
const INVISIBLE_OR_BIDI = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/;
/**
 * The same address pattern the account forms use: zod's default e-mail check (z.regexes.email),
 * copied so that the wizard's and the consent preview's first load do not carry zod (a test keeps
 * the two equal).
 */
export const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

const length = (s: string) => [...s].length;

export function checkClientName(value: string, brand: string): string | undefined {
  const name = value.trim();
  if (!name) return "Enter the name of your app, as people should see it (2 to 60 characters).";
  if (CONTROL.test(name)) return "Remove the control characters (such as tabs or line breaks) from the name.";
  const n = length(name);
  if (n < LIMITS.clientNameMin) return "Use at least 2 characters for the client name.";
  if (n > LIMITS.clientNameMax) return `Shorten the client name to at most 60 characters (it has ${n}).`;
  if (usesBrand(name, brand)) return brandMessage(brand);
  if (INVISIBLE_OR_BIDI.test(name)) return "Remove the invisible or text-direction characters from the name.";
  return undefined;
}

export function checkContact(value: string): string | undefined {
  const email = value.trim();
  if (!email) return "Enter an e-mail address, or remove this empty row.";
  if (email.length > LIMITS.emailMax) return "Use an e-mail address of at most 254 characters.";
  if (!EMAIL.test(email)) return "Enter an e-mail address like name@company.com.";
  return undefined;
}

export function checkScope(value: string): string | undefined {
  const scope = value.trim();
  if (!scope) return "Pick a scope from the list, or remove this empty entry.";
  if (!SCOPE_FORMAT.test(scope)) {
    return `Write "${scope.slice(0, 60)}" as resource:permission in lower case, for example users:read.`;
  }
  if (!isKnownScope(scope)) return `"${scope}" is not a scope we offer: pick scopes from the list, for example export-jobs:read.`;
  return undefined;
}

export const LOGO_REQUIRED = "Upload a square logo: a PNG, JPEG or WebP image of at least 256×256 px.";

export function checkLogoId(value: string | null): string | undefined {
  if (value === null || !value.trim()) return LOGO_REQUIRED;
  if (value.length > LIMITS.logoIdMax || CONTROL.test(value) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    return "Upload the logo again: the stored reference is not valid.";
  }
  return undefined;
}

export type PkceProblem = { field: "pkceSupport" | "pkceExceptionReason"; message: string };

/** Public clients must use PKCE; a confidential client may ask for an exception if it explains why. */
export function checkPkce(clientType: ClientType, pkce: PkceSupport, reason: string): PkceProblem | undefined {
  if (pkce === "supported") return undefined;
  if (clientType !== "confidential") {
    return {
      field: "pkceSupport",
      message: "Choose Supported: public clients cannot keep a secret, so they must use PKCE with the S256 method.",
    };
  }
  const n = length(reason.trim());
  if (n < LIMITS.pkceReasonMin) {
    return {
      field: "pkceExceptionReason",
      message: "Explain in at least 20 characters why your app cannot use PKCE yet: reviewers read this before approving an exception.",
    };
  }
  if (n > LIMITS.pkceReasonMax) {
    return { field: "pkceExceptionReason", message: `Shorten the explanation to at most 500 characters (it has ${n}).` };
  }
  return undefined;
}

/** Index of each item that repeats an earlier one, under the given comparison key. */
export function duplicateIndexes(items: string[], key: (s: string) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (!k) return;
    if (seen.has(k)) out.push(i);
    else seen.add(k);
  });
  return out;
}
