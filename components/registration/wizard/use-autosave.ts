"use client";
import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState =
  | { kind: "idle"; at?: Date }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; updatedBy: string | null; updatedAt: Date };

const DEBOUNCE_MS = 1000;
const RETRY_MS = 5000;

/**
 * Saves the draft about a second after the last change, when asked to flush (leaving a step,
 * submitting) and when the page is hidden. Every save names the version it started from; a
 * 409 means another tab or colleague saved in between, and autosave stops until the partner
 * chooses to reload or overwrite. Network failures are retried.
 */
export function useAutosave<T>(opts: { registrationId: string; initialVersion: number; initialSavedAt: string; getData: () => T }) {
  const { registrationId, getData } = opts;
  const [state, setState] = useState<SaveState>({ kind: "idle", at: new Date(opts.initialSavedAt) });
  const version = useRef(opts.initialVersion);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false); // after a conflict, until resolved
  const retrying = useRef(false); // a retry timer is set after a failure
  const url = `/api/registrations/${registrationId}/draft`;
  // Timers call the latest save through this ref.
  const saveRef = useRef<(force?: boolean) => Promise<void>>(async () => undefined);

  const save = useCallback(
    async (force = false): Promise<void> => {
      if (inFlight.current) {
        await inFlight.current;
        if (!dirty.current && !force) return;
      }
      if (stopped.current && !force) return;
      clearTimeout(timer.current);
      retrying.current = false;
      dirty.current = false;
      setState({ kind: "saving" });
      const run = (async () => {
        try {
          const response = await fetch(url, {
            method: "PUT",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ version: version.current, data: getData(), force }),
          });
          const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
          if (response.ok) {
            version.current = body.version as number;
            stopped.current = false;
            setState({ kind: "saved", at: new Date(body.saved_at as string) });
          } else if (response.status === 409) {
            dirty.current = true;
            stopped.current = true;
            setState({ kind: "conflict", updatedBy: (body.updated_by as string | null) ?? null, updatedAt: new Date(body.updated_at as string) });
          } else {
            dirty.current = true;
            const message =
              response.status === 401
                ? "Your session has ended. Sign in again in another tab; your changes stay on this page."
                : ((body.error_description as string) ?? "Saving failed.");
            setState({ kind: "error", message });
            if (response.status >= 500) {
              retrying.current = true;
              timer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
            }
          }
        } catch {
          // fetch rejects only when the request never reached the server.
          dirty.current = true;
          setState({ kind: "offline" });
          retrying.current = true;
          timer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
      // Edits made while this save was in flight get their own save.
      if (dirty.current && !stopped.current && !retrying.current) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void saveRef.current(), DEBOUNCE_MS);
      }
    },
    [url, getData],
  );
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), DEBOUNCE_MS);
  }, []);

  /** Call on every edit. */
  const changed = useCallback(() => {
    dirty.current = true;
    if (stopped.current) return;
    // The same state object while already pending, so React skips re-rendering the wizard on
    // every keystroke (only the first edit after a save changes the indicator).
    if (!retrying.current) setState((s) => (s.kind === "pending" ? s : { kind: "pending" }));
    schedule();
  }, [schedule]);

  /** Saves now if anything is unsaved; resolves when saved (or failed). */
  const flush = useCallback(async () => {
    if (dirty.current || inFlight.current) await save();
  }, [save]);

  useEffect(() => {
    const online = () => dirty.current && void save();
    // When the tab is hidden or closed, send what is unsaved; keepalive lets the request
    // outlive the page.
    const hide = () => {
      if (document.visibilityState !== "hidden" || !dirty.current || stopped.current) return;
      dirty.current = false;
      void fetch(url, {
        method: "PUT",
        keepalive: true,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: version.current, data: getData() }),
      })
        .then(async (r) => {
          if (r.ok) version.current = ((await r.json()) as { version: number }).version;
          else dirty.current = true;
        })
        .catch(() => (dirty.current = true));
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (stopped.current || (dirty.current && !navigator.onLine)) e.preventDefault();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hide);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hide);
      window.removeEventListener("beforeunload", beforeUnload);
      clearTimeout(timer.current);
    };
  }, [save, url, getData]);

  return {
    state,
    changed,
    flush,
    version: () => version.current,
    overwrite: () => save(true),
    isConflict: state.kind === "conflict",
  };
}
