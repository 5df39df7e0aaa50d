"use client";

import { useId, useState } from "react";
import { cn } from "./cn";

export type Theme = "system" | "light" | "dark";

const options: Array<{ value: Theme; label: string; icon: string }> = [
  { value: "system", label: "System", icon: "M3 4.5h14v9H3zM7 17h6M10 13.5V17" },
  {
    value: "light",
    label: "Light",
    icon: "M10 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0-10v1.5m0 11V17m7-7h-1.5m-11 0H3m12-5-1 1m-8 8-1 1m10 0-1-1M6 6 5 5",
  },
  { value: "dark", label: "Dark", icon: "M16 12.5A6.5 6.5 0 0 1 7.5 4a6.5 6.5 0 1 0 8.5 8.5Z" },
];

/** Applies the theme immediately and persists it in the `theme` cookie for server rendering. */
function applyTheme(theme: Theme): void {
  document.cookie = `theme=${theme}; path=/; max-age=31536000; samesite=lax`;
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  if (theme !== "system") root.classList.add(theme);
}

export function ThemeToggle({ initial = "system", className }: { initial?: Theme; className?: string }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const name = useId();

  return (
    <fieldset className={cn("inline-flex rounded-md border border-border bg-surface-muted p-1", className)}>
      <legend className="sr-only">Theme</legend>
      {options.map((o) => (
        <label
          key={o.value}
          title={o.label}
          className={cn(
            "flex h-8 cursor-pointer items-center gap-2 rounded px-2 text-xs font-medium text-fg-muted transition-colors hover:text-fg",
            "has-checked:bg-surface has-checked:text-fg has-checked:shadow-xs",
            "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus",
          )}
        >
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={theme === o.value}
            onChange={() => {
              setTheme(o.value);
              applyTheme(o.value);
            }}
            className="sr-only"
          />
          <svg
            viewBox="0 0 20 20"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
            aria-hidden="true"
            focusable="false"
            className="size-4"
          >
            <path d={o.icon} />
          </svg>
          <span className="sr-only sm:not-sr-only">{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
