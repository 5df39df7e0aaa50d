import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { NewRegistrationForm } from "@/components/registration/new-registration-form";
import { requireOrgMember } from "@/lib/auth/guards";

export const metadata = { title: "New registration" };

export default async function NewRegistrationPage() {
  await requireOrgMember();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="New registration"
        description={
          <>
            Choose where this client will run. You can also{" "}
            <Link href="/registrations/import" className="text-primary underline underline-offset-4">
              import a manifest
            </Link>
            .
          </>
        }
      />
      <Card>
        <CardBody>
          <NewRegistrationForm />
        </CardBody>
      </Card>
    </div>
  );
}
