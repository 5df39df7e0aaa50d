import type { Check } from "@/lib/review/checks";

const ICON = { error: "✕", warning: "!", info: "i" } as const;
const TONE = { error: "text-danger", warning: "text-warning", info: "text-info" } as const;

/** The validation rules as they stand today plus review warnings. */
export function ChecksPanel({ checks }: { checks: Check[] }) {
  if (checks.length === 0) {
    return (
      <p className="text-sm">
        <span aria-hidden="true" className="text-success">
          ✓{" "}
        </span>
        Every rule passes and nothing needs a second look.
      </p>
    );
  }
  return (
    <ul className="space-y-2">
      {checks.map((c) => (
        <li key={c.message} className="flex gap-2 text-sm">
          <span aria-hidden="true" className={`font-bold ${TONE[c.level]}`}>
            {ICON[c.level]}
          </span>
          <span>
            <span className="sr-only">{c.level === "error" ? "Error: " : c.level === "warning" ? "Warning: " : "Note: "}</span>
            {c.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
