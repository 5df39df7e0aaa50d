"use client";
import { Controller, useFormContext, useFormState, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControl } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  CLIENT_TYPES,
  FIELD_HELP,
  FIELD_LABELS,
  PKCE_OPTIONS,
  REDIRECT_PRESETS,
  SUBJECT_TYPES,
  type Environment,
  type RegistrationData,
} from "@/lib/registration/fields";
import { FieldComments } from "./field-comments";
import { ListTextarea, listErrors } from "./list-textarea";
import { LogoUpload } from "./logo-upload";
import { ScopePicker } from "./scope-picker";
import { WizardTextField, fieldId } from "./wizard-field";

type ArrayErrors = Parameters<typeof listErrors>[0];
/** A list field's errors for the given lines, with the rest of the form as it is (the wizard's rules). */
export type CheckList = (name: "contacts" | "redirectUris", lines: string[]) => string[];

export function HumanSection({
  registrationId,
  isUploadedLogo,
  onUploaded,
  checkList,
}: {
  registrationId: string;
  isUploadedLogo: (id: string | null) => boolean;
  onUploaded: (id: string) => void;
  checkList: CheckList;
}) {
  const { control } = useFormContext<RegistrationData>();
  return (
    <div className="space-y-2">
      <WizardTextField name="clientName" placeholder="Example Client" />
      <WizardTextField name="clientUri" type="url" placeholder="https://client.example/" />
      <Controller
        control={control}
        name="logoId"
        render={({ field, fieldState }) => (
          <LogoUpload
            registrationId={registrationId}
            logoId={field.value}
            uploaded={isUploadedLogo(field.value)}
            onChange={field.onChange}
            onUploaded={onUploaded}
            error={fieldState.error?.message}
            hint={FIELD_HELP.logoId}
          />
        )}
      />
      <FieldComments field="logoId" />
      <WizardTextField name="tosUri" type="url" placeholder="https://client.example/legal/terms" />
      <WizardTextField name="policyUri" type="url" placeholder="https://client.example/legal/privacy" />
      <Controller
        control={control}
        name="contacts"
        render={({ field, fieldState }) => (
          <ListTextarea
            id={fieldId("contacts")}
            label={FIELD_LABELS.contacts}
            hint={`${FIELD_HELP.contacts} One address per line, up to 10.`}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputMode="email"
            placeholder="name.surname@client.example"
            errors={listErrors(fieldState.error as ArrayErrors, field.value)}
            check={(lines) => checkList("contacts", lines)}
          >
            <FieldComments field="contacts" />
          </ListTextarea>
        )}
      />
    </div>
  );
}

export function PlatformSection() {
  return (
    <div className="space-y-2">
      <WizardTextField name="initiateLoginUri" type="url" placeholder="https://client.example/connect" />
      <WizardTextField name="settingsUri" type="url" placeholder="https://client.example/settings" />
    </div>
  );
}

function RadioCards<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  disabled,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: { value: V; label: string; description: string }[];
  value: V;
  onChange: (v: V) => void;
  disabled?: (v: V) => string | undefined;
  error?: string;
  hint: string;
}) {
  const id = fieldId(name);
  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-fg-muted">
        {hint}
      </p>
      <div className="grid gap-2">
        {options.map((o) => {
          const why = disabled?.(o.value);
          return (
            <label
              key={o.value}
              className={
                "flex gap-3 rounded-lg border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary-soft " +
                (why ? "opacity-70" : "cursor-pointer")
              }
            >
              <input
                type="radio"
                name={name}
                value={o.value}
                checked={value === o.value}
                disabled={Boolean(why)}
                onChange={() => onChange(o.value)}
                className="mt-1"
              />
              <span>
                <span className="block text-sm font-medium">{o.label}</span>
                <span className="block text-sm text-fg-muted">{why ?? o.description}</span>
              </span>
            </label>
          );
        })}
      </div>
      <div id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">
        {error}
      </div>
    </fieldset>
  );
}

export function TechnicalSection({ environment, appUrl, checkList }: { environment: Environment; appUrl: string; checkList: CheckList }) {
  // Each control subscribes to its own value and error (Controller's fieldState, useWatch and
  // useFormState by name): a keystroke in one field re-renders that field, not the wizard.
  const { control, setValue, register } = useFormContext<RegistrationData>();
  const [clientType, pkce] = useWatch({ control, name: ["clientType", "pkceSupport"] });
  const isPublic = clientType !== "confidential";
  const presets = REDIRECT_PRESETS(appUrl).filter((p) => environment === "staging" || !p.stagingOnly);
  const reasonId = fieldId("pkceExceptionReason");
  const reasonError = useFormState({ control, name: "pkceExceptionReason" }).errors.pkceExceptionReason?.message;
  return (
    <div className="space-y-4">
      <FieldComments field="clientType" />
      <Controller
        control={control}
        name="clientType"
        render={({ field, fieldState }) => (
          <RadioCards
            legend={FIELD_LABELS.clientType}
            name="clientType"
            options={CLIENT_TYPES}
            value={field.value}
            hint={FIELD_HELP.clientType}
            error={fieldState.error?.message}
            onChange={(v) => {
              field.onChange(v);
              // Public clients cannot keep a secret: PKCE is not optional for them.
              if (v !== "confidential") setValue("pkceSupport", "supported", { shouldDirty: true, shouldValidate: true });
            }}
          />
        )}
      />
      <Controller
        control={control}
        name="redirectUris"
        render={({ field, fieldState }) => (
          <ListTextarea
            id={fieldId("redirectUris")}
            label={FIELD_LABELS.redirectUris}
            hint={`${FIELD_HELP.redirectUris} One per line, up to 10, matched exactly.`}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputMode="url"
            placeholder="https://client.example/callback"
            errors={listErrors(fieldState.error as ArrayErrors, field.value)}
            check={(lines) => checkList("redirectUris", lines)}
            after={
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-xs text-fg-muted">Add:</span>
                {presets.map((p) => (
                  <Button
                    key={p.id}
                    size="sm"
                    variant="secondary"
                    disabled={field.value.includes(p.uri)}
                    onClick={() => {
                      field.onChange([...field.value, p.uri]);
                      field.onBlur();
                    }}
                  >
                    {p.label}
                  </Button>
                ))}
              </div>
            }
          >
            <FieldComments field="redirectUris" />
          </ListTextarea>
        )}
      />
      <FieldComments field="scopes" />
      <Controller
        control={control}
        name="scopes"
        render={({ field, fieldState }) => (
          <ScopePicker
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldState.error?.message ?? firstItemError(fieldState.error)}
            hint={FIELD_HELP.scopes}
          />
        )}
      />
      <FieldComments field="pkceSupport" />
      <Controller
        control={control}
        name="pkceSupport"
        render={({ field, fieldState }) => (
          <RadioCards
            legend={FIELD_LABELS.pkceSupport}
            name="pkceSupport"
            options={PKCE_OPTIONS}
            value={field.value}
            hint={FIELD_HELP.pkceSupport}
            error={fieldState.error?.message}
            onChange={field.onChange}
            disabled={(v) =>
              v === "not_supported" && isPublic ? "Not available: public clients must use PKCE (S256), because they cannot keep a secret." : undefined
            }
          />
        )}
      />
      {clientType === "confidential" && pkce === "not_supported" ? (
        <Field id={reasonId} label={FIELD_LABELS.pkceExceptionReason} hint={FIELD_HELP.pkceExceptionReason} error={reasonError} required>
          <Textarea
            {...fieldControl(reasonId, { hint: FIELD_HELP.pkceExceptionReason, error: reasonError })}
            rows={3}
            aria-required
            {...register("pkceExceptionReason")}
          />
        </Field>
      ) : null}
      <FieldComments field="pkceExceptionReason" />
      <SubjectTypeField />
      <FieldComments field="subjectTypePreference" />
    </div>
  );
}

function firstItemError(errors: unknown): string | undefined {
  if (!errors || typeof errors !== "object") return undefined;
  for (const v of Object.values(errors as Record<string, { message?: string }>)) if (v?.message) return v.message;
  return undefined;
}

function SubjectTypeField() {
  const { register, control } = useFormContext<RegistrationData>();
  const id = fieldId("subjectTypePreference");
  const error = useFormState({ control, name: "subjectTypePreference" }).errors.subjectTypePreference?.message;
  return (
    <Field id={id} label={FIELD_LABELS.subjectTypePreference} hint={FIELD_HELP.subjectTypePreference} error={error}>
      <Select {...fieldControl(id, { hint: FIELD_HELP.subjectTypePreference, error })} {...register("subjectTypePreference")}>
        {SUBJECT_TYPES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}: {s.description}
          </option>
        ))}
      </Select>
    </Field>
  );
}
