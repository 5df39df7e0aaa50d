"use client";
import { useFormContext, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/safe-action";
import {
  CLIENT_TYPES,
  FIELD_LABELS,
  PKCE_OPTIONS,
  SECTIONS,
  SUBJECT_TYPES,
  type Environment,
  type FieldName,
  type RegistrationData,
} from "@/lib/registration/fields";
import { ConsentPreview } from "../consent-preview";
import type { StepId } from "./steps";

function display(name: FieldName, data: RegistrationData, logoUploaded: boolean): React.ReactNode {
  const v = data[name];
  if (name === "logoId")
    return data.logoId ? (
      logoUploaded ? (
        "Uploaded"
      ) : (
        <em className="text-fg-muted">Not one of your uploaded logos</em>
      )
    ) : (
      <em className="text-fg-muted">Missing</em>
    );
  if (name === "clientType") return CLIENT_TYPES.find((t) => t.value === v)?.label;
  if (name === "pkceSupport") return PKCE_OPTIONS.find((t) => t.value === v)?.label;
  if (name === "subjectTypePreference") return SUBJECT_TYPES.find((t) => t.value === v)?.label;
  if (Array.isArray(v))
    return v.length ? (
      <ul className="space-y-0.5">
        {v.map((x) => (
          <li key={x} className="break-all font-mono text-xs">
            {x}
          </li>
        ))}
      </ul>
    ) : (
      <em className="text-fg-muted">None</em>
    );
  return v ? <span className="break-all">{v}</span> : <em className="text-fg-muted">Missing</em>;
}

export function ReviewStep({
  brand,
  environment,
  isUploadedLogo,
  onEdit,
  onSubmit,
  submitting,
  submitResult,
  fieldErrors,
  warnings,
}: {
  brand: string;
  environment: Environment;
  isUploadedLogo: (id: string | null) => boolean;
  onEdit: (step: StepId) => void;
  onSubmit: () => void;
  submitting: boolean;
  /** The submit action's refusal; its field errors are also on the fields, through setServerErrors. */
  submitResult: ActionResult | null;
  fieldErrors: Record<string, string[]>;
  warnings: { field: FieldName; message: string }[];
}) {
  const { control } = useFormContext<RegistrationData>();
  const data = useWatch({ control }) as RegistrationData;
  const problems = Object.entries(fieldErrors);
  const logoUploaded = isUploadedLogo(data.logoId);
  return (
    <div className="space-y-6">
      {problems.length ? (
        <Alert tone="warning" title="Before you can submit">
          <ul className="list-disc space-y-1 pl-5">
            {problems.map(([path, messages]) => {
              const field = path.split(".")[0] as FieldName;
              const section = SECTIONS.find((s) => s.fields.includes(field));
              return (
                <li key={path}>
                  <strong>{FIELD_LABELS[field] ?? field}</strong>: {messages[0]}{" "}
                  {section ? (
                    <button type="button" className="text-primary underline underline-offset-2" onClick={() => onEdit(section.id)}>
                      Fix it
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Alert>
      ) : null}
      {warnings.length ? (
        <Alert tone="info" title="Worth a second look (these do not block submission)">
          <ul className="list-disc space-y-1 pl-5">
            {warnings.map((w) => (
              <li key={w.field + w.message}>
                <strong>{FIELD_LABELS[w.field]}</strong>: {w.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          {SECTIONS.map((section) => (
            <Card key={section.id}>
              <CardHeader
                title={section.title}
                actions={
                  <Button variant="ghost" size="sm" aria-label={`Edit ${section.title}`} onClick={() => onEdit(section.id)}>
                    Edit
                  </Button>
                }
              />
              <CardBody>
                <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
                  {section.fields
                    .filter((f) => f !== "pkceExceptionReason" || (data.clientType === "confidential" && data.pkceSupport === "not_supported"))
                    .map((f) => (
                      <div key={f} className="contents">
                        <dt className="text-sm text-fg-muted">{FIELD_LABELS[f]}</dt>
                        <dd className="text-sm">{display(f, data, logoUploaded)}</dd>
                      </div>
                    ))}
                </dl>
              </CardBody>
            </Card>
          ))}
        </div>
        <section aria-labelledby="consent-heading" className="space-y-3">
          <h2 id="consent-heading" className="text-base font-semibold">
            Consent screen
          </h2>
          <ConsentPreview shown={data} logoUploaded={logoUploaded} environment={environment} brand={brand} />
        </section>
      </div>
      <div className="flex flex-col gap-3 border-t border-border pt-6 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-fg-muted">
          Submitting freezes this version and sends it to platform reviewers. You can still withdraw it until it is decided.
        </p>
        <Button size="md" loading={submitting} disabled={problems.length > 0} onClick={onSubmit}>
          Submit for review
        </Button>
      </div>
      <FormError result={submitResult} />
    </div>
  );
}
