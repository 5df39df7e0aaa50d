"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ToneIcon } from "./alert";

export type ToastTone = "info" | "success" | "warning" | "danger";
type ToastItem = { id: number; message: string; tone: ToastTone };
type Listener = (item: ToastItem) => void;

const DURATION_MS = 5000;
const MAX_VISIBLE = 4;
const listeners = new Set<Listener>();
// Toasts fired before <Toaster> subscribes (child effects run before the layout's).
const pending: ToastItem[] = [];
let nextId = 1;

/** Show a toast from any client code. Requires <Toaster /> once in the root layout. */
export function toast(message: string, { tone = "info" }: { tone?: ToastTone } = {}): void {
  if (typeof window === "undefined") return; // module state must not leak between server requests
  const item: ToastItem = { id: nextId++, message, tone };
  if (listeners.size === 0) pending.push(item);
  else listeners.forEach((listener) => listener(item));
}

const accent: Record<ToastTone, string> = {
  info: "text-info",
  success: "text-success",
  warning: "text-warning",
  danger: "text-danger",
};

function ToastCard({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);

  // Pausing on hover/focus gives users time to read (WCAG 2.2.1).
  useEffect(() => {
    if (paused) return;
    const t = setTimeout(() => onDismiss(item.id), DURATION_MS);
    return () => clearTimeout(t);
  }, [paused, item.id, onDismiss]);

  return (
    <li
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex items-start gap-3 rounded-lg border border-border bg-surface px-4 py-3 text-sm text-fg shadow-lg motion-safe:animate-toast-in"
    >
      <ToneIcon tone={item.tone} className={accent[item.tone]} />
      <p className="min-w-0 flex-1 pt-0.5">{item.message}</p>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        aria-label="Dismiss notification"
        className="-m-1 rounded-md p-1 text-fg-muted transition-colors hover:bg-surface-muted hover:text-fg"
      >
        <svg
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          aria-hidden="true"
          focusable="false"
          className="size-4"
        >
          <path d="m5 5 10 10M15 5 5 15" />
        </svg>
      </button>
    </li>
  );
}

/** Render once in the root layout. The live region is always present so additions are announced. */
export function Toaster() {
  const [items, setItems] = useState<ToastItem[]>([]);

  useEffect(() => {
    const listener: Listener = (item) => setItems((prev) => [...prev, item].slice(-MAX_VISIBLE));
    listeners.add(listener);
    pending.splice(0).forEach(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);

  const dismiss = useCallback((id: number) => {
    setItems((prev) => prev.filter((t) => t.id !== id));
  }, []);

  return (
    <div role="region" aria-label="Notifications" aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 w-[calc(100%-2rem)] max-w-sm">
      <ol className="flex flex-col gap-2">
        {items.map((item) => (
          <ToastCard key={item.id} item={item} onDismiss={dismiss} />
        ))}
      </ol>
    </div>
  );
}

/** Shows `message` once on mount, e.g. for an outcome passed through a server redirect. */
export function FlashToast({ message, tone = "success" }: { message: string; tone?: ToastTone }) {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    // Guards against StrictMode's double effect run in development.
    if (shown.current === message) return;
    shown.current = message;
    toast(message, { tone });
  }, [message, tone]);
  return null;
}
