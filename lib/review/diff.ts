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
