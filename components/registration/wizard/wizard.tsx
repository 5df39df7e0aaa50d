"use client";
import { startTransition, useCallback, useEffect, useMemo, useState, useTransition } from "react";
import { FormProvider, useForm, type Path, type Resolver } from "react-hook-form";
import { setServerErrors } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { submitRegistrationAction } from "@/lib/actions/registrations";
import type { ActionResult } from "@/lib/actions/safe-action";
import { SECTIONS, incompleteSections, portalCallbackUri, type Environment, type RegistrationData } from "@/lib/registration/fields";
import { validateRegistration, type ValidationResult } from "@/lib/registration/check";
import { clockTime } from "@/lib/text/clock";
import { FieldCommentsContext, type WizardComment } from "./field-comments";
import { formErrors } from "./form-errors";
import { ReviewStep } from "./review-step";
import { SaveIndicator } from "./save-indicator";
import { listErrors } from "./list-textarea";
import { HumanSection, PlatformSection, TechnicalSection, type CheckList } from "./sections";
import { StepNav } from "./step-nav";
import { STEPS, type StepId } from "./steps";
import { useAutosave } from "./use-autosave";

export type WizardProps = {
  registrationId: string;
  environment: Environment;
  brand: string;
  appUrl: string;
  initialData: RegistrationData;
  /** The draft's logo id when the server confirmed it is one of the organization's uploads. */
  uploadedLogoId: string | null;
  initialVersion: number;
  initialSavedAt: string;
  initialStep: StepId;
  /** Comments pinned to fields by the reviewer of the previous revision. */
  fieldComments: WizardComment[];
  /** The server's validateRegistration of initialData: the step states of the first render. */
  initialValidation: Pick<ValidationResult, "valid" | "fieldErrors" | "warnings">;
};

// How long the step states and the review wait after the last change: the whole registration
// is checked then, off the keystroke's path (each field's own error shows at once).
const SETTLE_MS = 150;

const isFilled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== "" && v !== null && v !== undefined);

export function RegistrationWizard(props: WizardProps) {
  const { registrationId, environment, brand } = props;
  const portalCallback = portalCallbackUri(props.appUrl);
  const ctx = useMemo(() => ({ environment, brand, portalCallback }), [environment, brand, portalCallback]);
  // The rules the server applies on submit (check.ts, the same ones strictSchema wraps), run
  // synchronously and without zod, so the page carries no schema library.
  const resolver = useMemo<Resolver<RegistrationData>>(
    () => (values) => {
      const result = validateRegistration(values, ctx);
      return result.valid ? { values, errors: {} } : { values: {}, errors: formErrors(result.fieldErrors) };
    },
    [ctx],
  );
  const form = useForm<RegistrationData>({
    defaultValues: props.initialData,
    // The same strict schema the server applies on submit; errors show as fields change, in
    // regions that are always rendered (no layout shift).
    resolver,
    mode: "onChange",
  });
  // A list field checks the partner's edit in the keystroke's own event (same rules, rest of the
  // form as it is), so its error renders with the text instead of a render later.
  const checkList = useCallback<CheckList>(
    (name, lines) =>
      listErrors(formErrors(validateRegistration({ ...form.getValues(), [name]: lines }, ctx).fieldErrors)[name] as Parameters<typeof listErrors>[0], lines),
    [form, ctx],
  );
  const getData = useCallback(() => form.getValues(), [form]);
  const autosave = useAutosave({ registrationId, initialVersion: props.initialVersion, initialSavedAt: props.initialSavedAt, getData });
  const [step, setStep] = useState<StepId>(props.initialStep);
  const [visited, setVisited] = useState<Set<StepId>>(() => new Set([props.initialStep]));
  const [submitting, startSubmit] = useTransition();
  const [submitResult, setSubmitResult] = useState<ActionResult | null>(null);
  // Logos shown as images: the draft's own if the server vouched for it, and those uploaded
  // here. A stored draft may reference anything (another organization's logo, a path).
  const [uploadedLogos, setUploadedLogos] = useState<ReadonlySet<string>>(() => new Set(props.uploadedLogoId ? [props.uploadedLogoId] : []));
  const isUploadedLogo = useCallback((id: string | null) => Boolean(id && uploadedLogos.has(id)), [uploadedLogos]);
  const rememberUpload = useCallback((id: string) => setUploadedLogos((known) => new Set(known).add(id)), []);

  const [result, setResult] = useState(props.initialValidation);
  // Every edit schedules an autosave and, once the typing settles, the whole registration's
  // check (step states, review). The wizard itself does not re-render on a keystroke: only
  // the field does. (watch with a callback subscribes once; it is not a value read during
  // render, which is what the React Compiler warning is about.)
  const changed = autosave.changed;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // eslint-disable-next-line react-hooks/incompatible-library
    const subscription = form.watch((_values, { type }) => {
      if (type === "change" || type === undefined) changed();
      clearTimeout(timer);
      timer = setTimeout(() => startTransition(() => setResult(validateRegistration(form.getValues(), ctx))), SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  }, [form, changed, ctx]);

  // Show existing problems of fields that already have content when a section opens (e.g.
  // after a reload), but not of fields the partner has not reached yet.
  useEffect(() => {
    const section = SECTIONS.find((s) => s.id === step);
    if (!section) return;
    const filled = section.fields.filter((f) => isFilled(form.getValues(f)));
    if (filled.length) void form.trigger(filled as Path<RegistrationData>[]);
  }, [step, form]);

  const stepStates = useMemo(() => {
    const states = {} as Record<StepId, "complete" | "attention" | "todo">;
    const incomplete = incompleteSections(result.fieldErrors);
    for (const s of SECTIONS) states[s.id] = !incomplete.has(s.id) ? "complete" : visited.has(s.id) ? "attention" : "todo";
    states.review = result.valid ? "complete" : "todo";
    return states;
  }, [result, visited]);

  const goTo = useCallback(
    (next: StepId) => {
      const leaving = SECTIONS.find((s) => s.id === step);
      // Leaving a section shows everything still wrong in it, and saves.
      if (leaving) void form.trigger(leaving.fields as Path<RegistrationData>[]);
      void autosave.flush();
      setVisited((v) => new Set(v).add(next));
      setStep(next);
      window.history.pushState(null, "", `/registrations/${registrationId}/edit/${next}`);
      window.scrollTo({ top: 0 });
      document.getElementById("wizard-heading")?.focus();
    },
    [step, form, autosave, registrationId],
  );

  // Back and forward buttons move between steps.
  useEffect(() => {
    const onPop = () => {
      const id = window.location.pathname.split("/").pop() as StepId;
      if (STEPS.some((s) => s.id === id)) setStep(id);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const submit = () =>
    startSubmit(async () => {
      setSubmitResult(null);
      await autosave.flush();
      if (autosave.isConflict) return;
      // A submitted draft redirects to the registration's page: only a refusal comes back.
      const answer = await submitRegistrationAction(null, { registrationId, version: autosave.version() });
      if (!answer || answer.ok) return;
      setSubmitResult(answer);
      setServerErrors(form, answer);
    });

  const index = STEPS.findIndex((s) => s.id === step);
  const current = STEPS[index]!;
  const section = SECTIONS.find((s) => s.id === step);

  return (
    <FieldCommentsContext value={props.fieldComments}>
      <FormProvider {...form}>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
          <aside className="lg:sticky lg:top-6 lg:self-start">
            <StepNav current={step} states={stepStates} onSelect={goTo} />
          </aside>
          <div className="min-w-0 space-y-6">
            {autosave.state.kind === "conflict" ? (
              <Alert tone="danger" title="This draft was changed somewhere else">
                <p>
                  {autosave.state.updatedBy ?? "Someone"} saved it at {clockTime(autosave.state.updatedAt)} while you were editing here, so your latest changes
                  are not saved yet.
                </p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
                    Reload their version
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => void autosave.overwrite()}>
                    Overwrite with my version
                  </Button>
                </div>
              </Alert>
            ) : null}
            {props.fieldComments.length ? (
              <Alert tone="warning" title="The reviewer asked for changes">
                Their comments are shown beside the fields they are about (
                {[...new Set(props.fieldComments.map((c) => SECTIONS.find((s) => s.fields.includes(c.field))?.title).filter(Boolean))].join(", ")}).
              </Alert>
            ) : null}
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <p className="text-sm text-fg-muted">
                  Step {index + 1} of {STEPS.length} · {environment === "production" ? "Production" : "Staging"}
                </p>
                <h2 id="wizard-heading" tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
                  {current.title}
                </h2>
                {section ? <p className="mt-1 text-sm text-fg-muted">{section.description}</p> : null}
              </div>
              <SaveIndicator state={autosave.state} />
            </div>
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const next = STEPS[index + 1];
                if (next) goTo(next.id);
              }}
              className="space-y-6"
            >
              {step === "human" ? (
                <HumanSection registrationId={registrationId} isUploadedLogo={isUploadedLogo} onUploaded={rememberUpload} checkList={checkList} />
              ) : null}
              {step === "platform" ? <PlatformSection /> : null}
              {step === "technical" ? <TechnicalSection environment={environment} appUrl={props.appUrl} checkList={checkList} /> : null}
              {step === "review" ? (
                <ReviewStep
                  brand={brand}
                  environment={environment}
                  isUploadedLogo={isUploadedLogo}
                  onEdit={goTo}
                  onSubmit={submit}
                  submitting={submitting}
                  submitResult={submitResult}
                  fieldErrors={result.fieldErrors}
                  warnings={result.warnings}
                />
              ) : (
                <div className="flex justify-between border-t border-border pt-6">
                  {index > 0 ? (
                    <Button variant="secondary" onClick={() => goTo(STEPS[index - 1]!.id)}>
                      Back
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit">Continue</Button>
                </div>
              )}
            </form>
          </div>
        </div>
      </FormProvider>
    </FieldCommentsContext>
  );
}
