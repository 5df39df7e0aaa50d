import { FIELD_LABELS, type FieldName } from "@/lib/registration/fields";
import { utcDateTime } from "@/lib/text/utc-time";

export type ReviewCommentView = { id: string; field: string | null; body: string; createdAt: Date; author: { name: string } };

export function CommentsList({ comments, empty = "No comments." }: { comments: ReviewCommentView[]; empty?: string }) {
  if (!comments.length) return <p className="text-sm text-fg-muted">{empty}</p>;
  return (
    <ol className="space-y-3">
      {comments.map((c) => (
        <li key={c.id} className="rounded-lg border border-border p-3 text-sm">
          <p className="text-xs text-fg-muted">
            <span className="font-medium text-fg">{c.author.name}</span> · {utcDateTime(c.createdAt)}
            {c.field ? (
              <>
                {" "}
                · on <span className="font-medium text-fg">{FIELD_LABELS[c.field as FieldName] ?? c.field}</span>
              </>
            ) : null}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}
