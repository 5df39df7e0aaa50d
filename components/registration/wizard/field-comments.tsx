"use client";
import { createContext, useContext } from "react";
import type { FieldName } from "@/lib/registration/fields";

export type WizardComment = { id: string; field: FieldName; body: string; author: string };

export const FieldCommentsContext = createContext<WizardComment[]>([]);

/** The reviewer's comments on one field, shown beside it while the partner fixes it. */
export function FieldComments({ field }: { field: FieldName }) {
  const comments = useContext(FieldCommentsContext).filter((c) => c.field === field);
  if (!comments.length) return null;
  return (
    <div className="space-y-1" role="note" aria-label="Reviewer comments">
      {comments.map((c) => (
        <p key={c.id} className="rounded-md border-l-4 border-warning bg-warning-soft px-3 py-2 text-sm">
          <span className="font-medium">Reviewer ({c.author}):</span> {c.body}
        </p>
      ))}
    </div>
  );
}
