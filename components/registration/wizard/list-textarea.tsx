"use client";
import { useState } from "react";
import { Field, fieldControl } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";

/** One entry per line; entries are trimmed and empty lines dropped, nothing else changes. */
function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

type ItemErrors = { message?: string; [index: number]: { message?: string } | undefined } | undefined;

/** Line-by-line messages for an array field: "Line 2 (value): message". */
export function listErrors(errors: ItemErrors, values: string[]): string[] {
  if (!errors) return [];
  const out: string[] = [];
  if (errors.message) out.push(errors.message);
  values.forEach((v, i) => {
    const m = errors[i]?.message;
    if (m) out.push(`Line ${i + 1} (${v.length > 60 ? v.slice(0, 57) + "…" : v}): ${m}`);
  });
  return out;
}

/**
 * A textarea edited as text but stored as a list. The text stays as typed (so Enter works),
 * and follows the list when it changes from outside (presets). With `check`, the partner's own
 * edits are checked in the keystroke's event and their errors render with the text itself; the
 * form's errors (the same rules, a render later) show until the first edit.
 */
export function ListTextarea({
  id,
  label,
  hint,
  value,
  onChange,
  onBlur,
  errors,
  rows = 3,
  placeholder,
  inputMode,
  check,
  children,
  after,
}: {
  id: string;
  label: string;
  hint: string;
  value: string[];
  onChange: (next: string[]) => void;
  onBlur: () => void;
  errors: string[];
  rows?: number;
  placeholder?: string;
  inputMode?: "email" | "url";
  check?: (lines: string[]) => string[];
  children?: React.ReactNode;
  after?: React.ReactNode;
}) {
  const [text, setText] = useState(value.join("\n"));
  const [seen, setSeen] = useState(value);
  const [checked, setChecked] = useState<string[] | null>(null);
  if (seen !== value) {
    // An outside change (a preset button) replaces the text; our own edits already match it.
    setSeen(value);
    if (splitLines(text).join("\n") !== value.join("\n")) {
      setText(value.join("\n"));
      setChecked(null);
    }
  }
  const shown = checked ?? errors;
  const error = shown.length ? shown : undefined;
  return (
    <Field id={id} label={label} hint={hint} error={error} required after={after}>
      <Textarea
        {...fieldControl(id, { hint, error })}
        rows={Math.max(rows, Math.min(10, value.length + 1))}
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        inputMode={inputMode}
        placeholder={placeholder}
        aria-required
        className="font-mono text-sm"
        onChange={(e) => {
          const lines = splitLines(e.target.value);
          setText(e.target.value);
          if (check) setChecked(check(lines));
          onChange(lines);
        }}
        onBlur={onBlur}
      />
      {children}
    </Field>
  );
}
