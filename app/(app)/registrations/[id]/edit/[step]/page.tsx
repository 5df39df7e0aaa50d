import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { FlashToast } from "@/components/ui/toast";
import { ProductionChecklist } from "@/components/registration/production-checklist";
import { RegistrationWizard } from "@/components/registration/wizard/wizard";
import { isStepId } from "@/components/registration/wizard/steps";
import { requireOrgMember } from "@/lib/auth/guards";
import { getLogoMeta } from "@/lib/db/logos";
import { fromDbEnvironment, getRegistration } from "@/lib/db/registrations";
import { env } from "@/lib/env";
import { FIELD_NAMES, portalCallbackUri, type FieldName } from "@/lib/registration/fields";
import { productionChecklist } from "@/lib/registration/promotion";
import { validateRegistration } from "@/lib/registration/schema";
import { unreadableNotice } from "@/lib/registration/stored";

export const metadata = { title: "Edit registration" };

const FLASH: Record<string, string> = {
  imported: "Manifest imported as a new draft. Upload the logo to complete it.",
  duplicated: "Duplicated as a new draft.",
  promoted: "Production draft created from your approved Staging registration.",
};

export default async function EditRegistrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; step: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id, step } = await params;
  if (!isStepId(step)) notFound();
  const user = await requireOrgMember();
  const organizationId = user.membership.organization.id;
  // One read: the draft, and the revision it continues (for the reviewer's field comments).
  const registration = await getRegistration(organizationId, id);
  if (!registration) notFound();
  const draft = registration.revisions.find((r) => r.status === "DRAFT");
  // Submitted or decided: nothing to edit here; the status page explains what is possible.
  if (!draft) redirect(`/registrations/${id}`);
  const query = await searchParams;
  const flash = Object.keys(FLASH).find((k) => query[k]);
  const data = draft.data;
  const notice = unreadableNotice(draft.unreadable);
  const uploadedLogoId = data.logoId && (await getLogoMeta(organizationId, data.logoId)) ? data.logoId : null;
  const environment = fromDbEnvironment(registration.environment);
  const { valid, fieldErrors, warnings } = validateRegistration(data, { environment, brand: env().brandName, portalCallback: portalCallbackUri(env().appUrl) });
  const previous = registration.revisions.find((r) => r.number === draft.number - 1);
  const fieldComments = (previous?.comments ?? [])
    .filter((c): c is typeof c & { field: FieldName } => Boolean(c.field && FIELD_NAMES.includes(c.field as FieldName)))
    .map((c) => ({ id: c.id, field: c.field, body: c.body, author: c.author.name }));
  return (
    <div className="space-y-6">
      {flash ? <FlashToast message={FLASH[flash]!} /> : null}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{data.clientName.trim() || "New registration"}</h1>
        <Link href={`/registrations/${id}`} className="text-sm text-primary underline underline-offset-4">
          Registration overview
        </Link>
      </div>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {registration.promotedFrom && registration.environment === "PRODUCTION" ? (
        <ProductionChecklist
          registrationId={id}
          items={productionChecklist(data, { brand: env().brandName, portalCallback: portalCallbackUri(env().appUrl) })}
        />
      ) : null}
      <RegistrationWizard
        registrationId={id}
        environment={environment}
        brand={env().brandName}
        appUrl={env().appUrl}
        initialData={data}
        uploadedLogoId={uploadedLogoId}
        initialVersion={draft.version}
        initialSavedAt={draft.updatedAt.toISOString()}
        initialStep={step}
        fieldComments={fieldComments}
        initialValidation={{ valid, fieldErrors, warnings }}
      />
    </div>
  );
}
