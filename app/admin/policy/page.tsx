import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdminNav } from "@/components/review/admin-nav";
import { PolicyForm } from "@/components/review/policy-form";
import { requireAdmin } from "@/lib/auth/guards";
import { getPolicy } from "@/lib/domain/policy";
import { SCOPE_CATALOGUE } from "@/lib/registration/scopes";
import { WARNING_KINDS } from "@/lib/review/policy";
import { utcDateTime } from "@/lib/text/utc-time";

export const metadata = { title: "Instant staging policy" };

export default async function PolicyPage() {
  await requireAdmin();
  const policy = await getPolicy();
  return (
    <div className="space-y-6">
      <AdminNav current="policy" />
      <PageHeader
        title="Instant staging policy"
        description="Staging submissions that pass every condition here are approved at once and get their credentials without waiting for a person. Every change is recorded in the audit log."
      />
      <Alert tone={policy.enabled ? "success" : "info"}>
        {policy.enabled ? "Auto-approval is on for Staging." : "Auto-approval is off: every submission waits for a person."}{" "}
        {policy.version === 0
          ? "No admin has saved a policy yet: these are this deployment's defaults."
          : `Version ${policy.version}, saved ${policy.updatedAt ? utcDateTime(policy.updatedAt) : ""}${policy.updatedBy ? ` by ${policy.updatedBy}` : ""}.`}
      </Alert>
      <Card>
        <CardBody>
          <PolicyForm
            key={policy.version}
            version={policy.version}
            enabled={policy.enabled}
            allowedScopes={policy.allowedScopes}
            blockingWarnings={policy.blockingWarnings}
            allowedDomains={policy.allowedDomains}
            scopeGroups={SCOPE_CATALOGUE}
            warningKinds={Object.entries(WARNING_KINDS).map(([id, label]) => ({ id, label }))}
          />
        </CardBody>
      </Card>
    </div>
  );
}
