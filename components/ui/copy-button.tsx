"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";

export type CopyButtonProps = {
  value: string;
  /** What is being copied, e.g. "client ID"; the accessible name becomes "Copy client ID". */
  label: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

async function writeClipboard(value: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(value);
    return;
  }
  // navigator.clipboard is missing on insecure (plain http, non-localhost) origins.
  const el = document.createElement("textarea");
  el.value = value;
  el.setAttribute("readonly", "");
  el.style.position = "fixed";
  el.style.opacity = "0";
  document.body.appendChild(el);
  el.select();
  const ok = document.execCommand("copy");
  el.remove();
  if (!ok) throw new Error("copy failed");
}

export function CopyButton({ value, label, variant = "secondary", size = "sm", className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function handleClick() {
    clearTimeout(timer.current);
    try {
      await writeClipboard(value);
      setCopied(true);
      setAnnouncement(`${label} copied to clipboard`);
    } catch {
      setCopied(false);
      setAnnouncement(`Could not copy ${label}`);
    }
    timer.current = setTimeout(() => {
      setCopied(false);
      setAnnouncement("");
    }, 2000);
  }

  return (
    <>
      <button type="button" aria-label={`Copy ${label}`} onClick={handleClick} className={buttonClasses({ variant, size, className })}>
        <svg
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
          focusable="false"
          className="size-4 shrink-0"
        >
          {copied ? (
            <path d="m4.5 10.5 3.5 3.5 7.5-8" />
          ) : (
            <path d="M7 7V4.5A1.5 1.5 0 0 1 8.5 3h7A1.5 1.5 0 0 1 17 4.5v7a1.5 1.5 0 0 1-1.5 1.5H13M4.5 7h7A1.5 1.5 0 0 1 13 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 15.5v-7A1.5 1.5 0 0 1 4.5 7Z" />
          )}
        </svg>
        <span>{copied ? "Copied" : "Copy"}</span>
      </button>
      <span aria-live="polite" className="sr-only">
        {announcement}
      </span>
    </>
  );
}
