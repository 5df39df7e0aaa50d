import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ImportManifestForm } from "@/components/registration/import-manifest-form";
import { requireOrgMember } from "@/lib/auth/guards";

export const metadata = { title: "Import a manifest" };

export default async function ImportPage() {
  await requireOrgMember();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Import a manifest"
        description="Create a draft from a JSON manifest that uses the standard client metadata names (RFC 7591), such as one exported from this portal. The logo is not fetched from logo_uri: you upload it in the wizard."
      />
      <Card>
        <CardBody>
          <ImportManifestForm />
        </CardBody>
      </Card>
    </div>
  );
}
