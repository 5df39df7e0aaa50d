// Field-level differences between two revisions (the approved one that is live, and a newer
// one under review). Lists show what was added and removed; text shows before and after.
import { SECTIONS, type FieldName, type RegistrationData } from "@/lib/registration/fields";

const FORM_ORDER: FieldName[] = SECTIONS.flatMap((s) => s.fields);

export type FieldDiff =
  | { field: FieldName; kind: "list"; added: string[]; removed: string[]; unchanged: string[] }
  | { field: FieldName; kind: "value"; before: string; after: string };

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** Only the fields that changed, in form order. */
export function diffRevisions(before: RegistrationData, after: RegistrationData): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of FORM_ORDER) {
    const a = before[field];
    const b = after[field];
    if (Array.isArray(a) || Array.isArray(b)) {
      const left = (a as string[] | undefined) ?? [];
      const right = (b as string[] | undefined) ?? [];
      const added = right.filter((x) => !left.includes(x));
      const removed = left.filter((x) => !right.includes(x));
      const reordered = !added.length && !removed.length && left.join("\n") !== right.join("\n");
      if (added.length || removed.length || reordered) {
        out.push({ field, kind: "list", added, removed, unchanged: right.filter((x) => left.includes(x)) });
      }
    } else if (text(a) !== text(b)) {
      out.push({ field, kind: "value", before: text(a), after: text(b) });
    }
  }
  return out;
}

export type Baseline = { kind: "approved" | "staging" | "previous"; number: number; status?: string; data: RegistrationData };

/**
 * What a revision under review is compared with: the approved revision that is live; for the
 * first revisions of a Production registration prepared from Staging (nothing approved yet), the
 * approved staging revision it was copied from; otherwise the previous reviewed revision.
 */
export function reviewBaseline(
  revisions: { number: number; status: string; data: RegistrationData }[],
  currentNumber: number,
  staging: { number: number; data: RegistrationData } | null,
): Baseline | null {
  const approved = revisions.find((r) => r.status === "APPROVED" && r.number < currentNumber);
  if (approved) return { kind: "approved", number: approved.number, data: approved.data };
  if (staging) return { kind: "staging", number: staging.number, data: staging.data };
  const previous = revisions.find((r) => r.number < currentNumber);
  return previous ? { kind: "previous", number: previous.number, status: previous.status, data: previous.data } : null;
}
