// Reading Revision.data, the one way. Rows outlive the schema: a revision saved by an older
// version may miss fields, hold another type or carry a key that no longer exists. A read
// never fails on that: it keeps each field that reads as today's type, gives the others their
// default, and names them so pages can say so. No size limits here: they refuse oversized
// input when it is saved, and what was stored is shown as it is.
import {
  CLIENT_TYPE_VALUES,
  emptyRegistration,
  FIELD_LABELS,
  FIELD_NAMES,
  PKCE_VALUES,
  SUBJECT_TYPE_VALUES,
  type FieldName,
  type RegistrationData,
} from "./fields";

export type StoredDraft = {
  data: RegistrationData;
  /** Field names whose stored value could not be read, then stored keys that are no field. */
  unreadable: string[];
};

type Read<T> = { value: T } | { unreadable: true; value?: T };

const text = (v: unknown): Read<string> => (typeof v === "string" ? { value: v } : { unreadable: true });

/** A list keeps its strings; any other entry makes the field unreadable. */
function list(v: unknown): Read<string[]> {
  if (!Array.isArray(v)) return { unreadable: true };
  const strings = v.filter((item): item is string => typeof item === "string");
  return strings.length === v.length ? { value: strings } : { unreadable: true, value: strings };
}

function choice<T extends string>(values: readonly T[]) {
  return (v: unknown): Read<T> => {
    const known = values.find((value) => value === v);
    return known === undefined ? { unreadable: true } : { value: known };
  };
}

const READERS: { [K in FieldName]: (v: unknown) => Read<RegistrationData[K]> } = {
  clientName: text,
  clientUri: text,
  // A blank logo reference is no logo, as in the draft schema.
  logoId: (v) => (typeof v === "string" ? { value: v.trim() ? v : null } : { unreadable: true }),
  tosUri: text,
  policyUri: text,
  contacts: list,
  initiateLoginUri: text,
  settingsUri: text,
  redirectUris: list,
  scopes: list,
  clientType: choice(CLIENT_TYPE_VALUES),
  pkceSupport: choice(PKCE_VALUES),
  pkceExceptionReason: text,
  subjectTypePreference: choice(SUBJECT_TYPE_VALUES),
};

const isField = (key: string): key is FieldName => (FIELD_NAMES as readonly string[]).includes(key);

/** What a stored revision says, as far as it can be read, and what could not be. */
export function readStoredDraft(json: unknown): StoredDraft {
  const data = emptyRegistration();
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { data, unreadable: [...FIELD_NAMES] };
  const stored = new Map(Object.entries(json));
  const unreadable: string[] = [];
  const set = <K extends FieldName>(key: K) => {
    const value = stored.get(key);
    // Absent (or null) is empty, not unreadable: a field added since simply was not there.
    if (value === undefined || value === null) return;
    const read = READERS[key](value);
    if ("unreadable" in read) unreadable.push(key);
    if (read.value !== undefined) data[key] = read.value;
  };
  for (const key of FIELD_NAMES) set(key);
  for (const key of stored.keys()) if (!isField(key)) unreadable.push(key);
  return { data, unreadable };
}

/** The calm sentence a page shows above a revision with unreadable fields, or null. */
export function unreadableNotice(unreadable: readonly string[]): string | null {
  if (unreadable.length === 0) return null;
  const names = unreadable.map((key) => (isField(key) ? FIELD_LABELS[key] : JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)));
  return `Some fields of this revision could not be read: ${names.join(", ")}. They are shown empty or with their default value.`;
}
