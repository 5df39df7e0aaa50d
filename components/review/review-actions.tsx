"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { claimAction, commentAction, decisionAction } from "@/lib/actions/review";
import type { ActionResult } from "@/lib/actions/safe-action";
import { FIELD_LABELS, FIELD_NAMES, type FieldName } from "@/lib/registration/fields";

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);
  const run = (fn: () => Promise<ActionResult>, onOk?: () => void) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      if (r.ok) {
        toast(r.message ?? "Done.", { tone: "success" });
        onOk?.();
      }
      router.refresh();
    });
  return { pending, result, run };
}

export function ClaimButton({ registrationId, revision, takeOverFrom }: { registrationId: string; revision: number; takeOverFrom?: string }) {
  const { pending, result, run } = useRun();
  return (
    <div className="space-y-2">
      <Button
        variant={takeOverFrom ? "secondary" : "primary"}
        loading={pending}
        onClick={() => run(() => claimAction(null, { registrationId, revision, takeOver: Boolean(takeOverFrom) }))}
      >
        {takeOverFrom ? `Take over from ${takeOverFrom}` : "Start review"}
      </Button>
      {result && !result.ok ? <Alert tone="danger">{result.error}</Alert> : null}
    </div>
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
  const { pending, result, run } = useRun();
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]["value"]>("approve");
  const [note, setNote] = useState("");
  const [pinned, setPinned] = useState<PinnedComment[]>([]);
  const noteLabel = decision === "reject" ? "Reason for rejecting (shown to the partner)" : decision === "request_changes" ? "What needs to change (shown to the partner)" : "Note to the partner (optional)";
  const submit = () =>
    run(() =>
      decisionAction(null, {
        registrationId,
        revision,
        decision,
        note: note || undefined,
        comments: decision === "approve" ? [] : pinned.filter((p) => p.body.trim()).map((p) => ({ field: p.field, body: p.body })),
      }),
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Decision</legend>
        {DECISIONS.map((d) => (
          <label key={d.value} className="flex cursor-pointer gap-3 rounded-lg border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary-soft">
            <input type="radio" name={`${id}-decision`} value={d.value} checked={decision === d.value} onChange={() => setDecision(d.value)} className="mt-1" />
            <span>
              <span className="block text-sm font-medium">{d.label}</span>
              <span className="block text-sm text-fg-muted">{d.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-note`} label={noteLabel} required={decision === "reject"}>
        <Textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {decision !== "approve" ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Comments on fields</legend>
          <p className="text-sm text-fg-muted">The partner sees each one beside its field in the editor.</p>
          {pinned.map((p, i) => (
            <div key={p.key} className="grid gap-2 rounded-lg border border-border p-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
              <div>
                <label htmlFor={`${id}-f-${p.key}`} className="sr-only">Field of comment {i + 1}</label>
                <Select id={`${id}-f-${p.key}`} value={p.field} onChange={(e) => setPinned(pinned.map((x) => (x.key === p.key ? { ...x, field: e.target.value as FieldName } : x)))}>
                  {FIELD_NAMES.map((f) => <option key={f} value={f}>{FIELD_LABELS[f]}</option>)}
                </Select>
              </div>
              <div>
                <label htmlFor={`${id}-c-${p.key}`} className="sr-only">Comment {i + 1}</label>
                <Textarea id={`${id}-c-${p.key}`} rows={2} value={p.body} onChange={(e) => setPinned(pinned.map((x) => (x.key === p.key ? { ...x, body: e.target.value } : x)))} />
              </div>
              <Button variant="ghost" size="sm" aria-label={`Remove comment ${i + 1}`} onClick={() => setPinned(pinned.filter((x) => x.key !== p.key))}>Remove</Button>
            </div>
          ))}
          <Button variant="secondary" size="sm" onClick={() => setPinned([...pinned, { key: Date.now(), field: "redirectUris", body: "" }])}>
            Add a comment on a field
          </Button>
        </fieldset>
      ) : null}
      {result && !result.ok ? <Alert tone="danger">{result.error}</Alert> : null}
      <Button type="submit" variant={decision === "reject" ? "danger" : "primary"} loading={pending}>
        {DECISIONS.find((d) => d.value === decision)!.label}
      </Button>
    </form>
  );
}

export function CommentForm({ registrationId, revision }: { registrationId: string; revision: number }) {
  const id = useId();
  const { pending, result, run } = useRun();
  const [field, setField] = useState<FieldName | "">("");
  const [body, setBody] = useState("");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => commentAction(null, { registrationId, revision, field: field || null, body }), () => setBody(""));
      }}
    >
      <Field id={`${id}-field`} label="About">
        <Select id={`${id}-field`} value={field} onChange={(e) => setField(e.target.value as FieldName | "")}>
          <option value="">The whole registration</option>
          {FIELD_NAMES.map((f) => <option key={f} value={f}>{FIELD_LABELS[f]}</option>)}
        </Select>
      </Field>
      <Field id={`${id}-body`} label="Comment">
        <Textarea id={`${id}-body`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      {result && !result.ok ? <Alert tone="danger">{result.error}</Alert> : null}
      <Button type="submit" variant="secondary" loading={pending} disabled={!body.trim()}>Add comment</Button>
    </form>
  );
}
