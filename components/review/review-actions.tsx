"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceField, Field, FieldError, fieldControl, fieldDescribedBy } from "@/components/ui/field";
import { FormError, errorsOf } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { usePostForm } from "@/components/forms/use-post-form";
import { claimAction, commentAction, decisionAction } from "@/lib/actions/review";
import { FIELD_LABELS, FIELD_NAMES, type FieldName } from "@/lib/registration/fields";

// The admin's review forms post small payloads without browser-side checks; every refusal
// comes back as an ActionResult: field errors at their fields, the rest in the FormError.

export function ClaimButton({ registrationId, revision, takeOverFrom }: { registrationId: string; revision: number; takeOverFrom?: string }) {
  const { pending, result, formProps } = usePostForm(claimAction, { toast: "Done.", refresh: true });
  return (
    <form className="space-y-2" {...formProps(() => ({ registrationId, revision, takeOver: Boolean(takeOverFrom) }))}>
      <Button type="submit" variant={takeOverFrom ? "secondary" : "primary"} loading={pending}>
        {takeOverFrom ? `Take over from ${takeOverFrom}` : "Start review"}
      </Button>
      <FormError result={result} fields={[]} />
    </form>
  );
}

const DECISIONS = [
  { value: "approve", label: "Approve", help: "The configuration goes live for the partner." },
  { value: "request_changes", label: "Request changes", help: "The partner edits and resubmits. Say what to change, here or on fields." },
  { value: "reject", label: "Reject", help: "Final for this revision. A reason is required." },
] as const;

type PinnedComment = { key: number; field: FieldName; body: string };

export function DecisionForm({ registrationId, revision }: { registrationId: string; revision: number }) {
  const id = useId();
  const { pending, result, formProps } = usePostForm(decisionAction, { toast: "Done.", refresh: true });
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]["value"]>("approve");
  const [note, setNote] = useState("");
  const [pinned, setPinned] = useState<PinnedComment[]>([]);
  const noteLabel =
    decision === "reject"
      ? "Reason for rejecting (shown to the partner)"
      : decision === "request_changes"
        ? "What needs to change (shown to the partner)"
        : "Note to the partner (optional)";
  // Empty comments are not sent, so the server's "comments.<n>" is the n-th non-empty one.
  const sent = decision === "approve" ? [] : pinned.filter((p) => p.body.trim());
  const commentPath = (p: PinnedComment) => `comments.${sent.indexOf(p)}`;
  const errors = {
    decision: errorsOf(result, "decision"),
    note: errorsOf(result, "note"),
    comments: errorsOf(result, "comments"),
  };
  const shown = ["decision", "note", "comments", ...sent.flatMap((_, i) => [`comments.${i}.field`, `comments.${i}.body`])];
  return (
    <form
      className="space-y-4"
      {...formProps(() => ({ registrationId, revision, decision, note: note || undefined, comments: sent.map((p) => ({ field: p.field, body: p.body })) }))}
    >
      <ChoiceField id={`${id}-decision`} legend="Decision" error={errors.decision} className="space-y-2">
        {DECISIONS.map((d) => (
          <label
            key={d.value}
            className="flex cursor-pointer gap-3 rounded-lg border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary-soft"
          >
            <input type="radio" name={`${id}-decision`} value={d.value} checked={decision === d.value} onChange={() => setDecision(d.value)} className="mt-1" />
            <span>
              <span className="block text-sm font-medium">{d.label}</span>
              <span className="block text-sm text-fg-muted">{d.help}</span>
            </span>
          </label>
        ))}
      </ChoiceField>
      <Field id={`${id}-note`} label={noteLabel} required={decision === "reject"} error={errors.note}>
        <Textarea {...fieldControl(`${id}-note`, { error: errors.note })} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {decision !== "approve" ? (
        <fieldset className="space-y-3" aria-describedby={fieldDescribedBy(`${id}-comments`, { error: errors.comments })}>
          <legend className="text-sm font-medium">Comments on fields</legend>
          <p className="text-sm text-fg-muted">The partner sees each one beside its field in the editor.</p>
          {pinned.map((p, i) => {
            const fieldError = errorsOf(result, `${commentPath(p)}.field`);
            const bodyError = errorsOf(result, `${commentPath(p)}.body`);
            return (
              <div key={p.key} className="grid gap-2 rounded-lg border border-border p-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
                <div>
                  <label htmlFor={`${id}-f-${p.key}`} className="sr-only">
                    Field of comment {i + 1}
                  </label>
                  <Select
                    {...fieldControl(`${id}-f-${p.key}`, { error: fieldError })}
                    value={p.field}
                    onChange={(e) => setPinned(pinned.map((x) => (x.key === p.key ? { ...x, field: e.target.value as FieldName } : x)))}
                  >
                    {FIELD_NAMES.map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </Select>
                  <FieldError id={`${id}-f-${p.key}`} error={fieldError} className="mt-1" />
                </div>
                <div>
                  <label htmlFor={`${id}-c-${p.key}`} className="sr-only">
                    Comment {i + 1}
                  </label>
                  <Textarea
                    {...fieldControl(`${id}-c-${p.key}`, { error: bodyError })}
                    rows={2}
                    value={p.body}
                    onChange={(e) => setPinned(pinned.map((x) => (x.key === p.key ? { ...x, body: e.target.value } : x)))}
                  />
                  <FieldError id={`${id}-c-${p.key}`} error={bodyError} className="mt-1" />
                </div>
                <Button variant="ghost" size="sm" aria-label={`Remove comment ${i + 1}`} onClick={() => setPinned(pinned.filter((x) => x.key !== p.key))}>
                  Remove
                </Button>
              </div>
            );
          })}
          <Button variant="secondary" size="sm" onClick={() => setPinned([...pinned, { key: Date.now(), field: "redirectUris", body: "" }])}>
            Add a comment on a field
          </Button>
          <FieldError id={`${id}-comments`} error={errors.comments} />
        </fieldset>
      ) : null}
      <FormError result={result} fields={shown} />
      <Button type="submit" variant={decision === "reject" ? "danger" : "primary"} loading={pending}>
        {DECISIONS.find((d) => d.value === decision)!.label}
      </Button>
    </form>
  );
}

export function CommentForm({ registrationId, revision }: { registrationId: string; revision: number }) {
  const id = useId();
  const [field, setField] = useState<FieldName | "">("");
  const [body, setBody] = useState("");
  const { pending, result, formProps } = usePostForm(commentAction, { toast: "Done.", refresh: true, onSuccess: () => setBody("") });
  const errors = { field: errorsOf(result, "field"), body: errorsOf(result, "body") };
  return (
    <form className="space-y-3" {...formProps(() => ({ registrationId, revision, field: field || null, body }))}>
      <Field id={`${id}-field`} label="About" error={errors.field}>
        <Select {...fieldControl(`${id}-field`, { error: errors.field })} value={field} onChange={(e) => setField(e.target.value as FieldName | "")}>
          <option value="">The whole registration</option>
          {FIELD_NAMES.map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-body`} label="Comment" error={errors.body}>
        <Textarea {...fieldControl(`${id}-body`, { error: errors.body })} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <FormError result={result} fields={["field", "body"]} />
      <Button type="submit" variant="secondary" loading={pending} disabled={!body.trim()}>
        Add comment
      </Button>
    </form>
  );
}
