"use client";
import { Spinner } from "@/components/ui/spinner";
import { clockTime } from "@/lib/text/clock";
import type { SaveState } from "./use-autosave";

/** "Saving…", "Saved at 12:03", "Offline: will retry"; announced politely to screen readers. */
export function SaveIndicator({ state }: { state: SaveState }) {
  let content: React.ReactNode;
  switch (state.kind) {
    case "idle":
      content = state.at ? `Saved at ${clockTime(state.at)}` : "All changes saved";
      break;
    case "pending":
      content = "Unsaved changes";
      break;
    case "saving":
      content = (
        <>
          <Spinner className="size-3.5" /> Saving…
        </>
      );
      break;
    case "saved":
      content = `Saved at ${clockTime(state.at)}`;
      break;
    case "offline":
      content = <span className="text-warning">Offline: will retry</span>;
      break;
    case "error":
      content = <span className="text-danger">Not saved: {state.message}</span>;
      break;
    case "conflict":
      content = <span className="text-danger">Not saved: changed elsewhere</span>;
      break;
  }
  return (
    <p role="status" aria-live="polite" className="inline-flex min-h-5 items-center gap-1.5 text-sm text-fg-muted" data-save-state={state.kind}>
      {content}
    </p>
  );
}
