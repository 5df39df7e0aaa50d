import "server-only";
import { verifiedAdminAddresses, verifiedMemberAddresses } from "@/lib/db/users";
import { log } from "@/lib/log";
import { absoluteUrl, sendMail } from "@/lib/mail";

// E-mail about registrations. Only verified portal users receive it: the organization's
// members, and platform admins for new submissions. The contact addresses in a registration
// are shown to reviewers but never mailed. Sending happens after the change is committed and
// never fails or undoes it; delivery is retried by the mailer.

type Event = "submitted" | "changes_requested" | "approved" | "rejected";

const PARTNER_TEXT: Record<Event, (name: string) => { subject: string; body: string }> = {
  submitted: (n) => ({
    subject: `Submitted for review: ${n}`,
    body: `Your registration "${n}" was submitted. A platform reviewer will look at it; you will hear from us when it is decided.`,
  }),
  changes_requested: (n) => ({
    subject: `Changes requested: ${n}`,
    body: `A reviewer asked for changes to "${n}". Their comments are on the registration page and beside the fields in the editor. Edit it and submit it again.`,
  }),
  approved: (n) => ({ subject: `Approved: ${n}`, body: `Your registration "${n}" was approved.` }),
  rejected: (n) => ({ subject: `Rejected: ${n}`, body: `A reviewer rejected "${n}". The reason is on the registration page.` }),
};

async function safely(what: string, send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    log.error("notify.failed", { what, error: (error as Error).message });
  }
}

export async function notifyOrganization(event: Event, input: { organizationId: string; registrationId: string; clientName: string; note?: string | null }) {
  await safely(`organization.${event}`, async () => {
    const { subject, body } = PARTNER_TEXT[event](input.clientName || "Untitled registration");
    const link = absoluteUrl(`/registrations/${input.registrationId}`);
    const note = input.note ? `\n\nReviewer's note:\n${input.note}\n` : "";
    for (const member of await verifiedMemberAddresses(input.organizationId)) {
      await sendMail({ to: member.email, subject, text: `Hi ${member.name},\n\n${body}${note}\n\nOpen it: ${link}\n` });
    }
  });
}

export async function notifyAdminsOfSubmission(input: { registrationId: string; clientName: string; organizationName: string }) {
  await safely("admins.submitted", async () => {
    const link = absoluteUrl(`/admin/registrations/${input.registrationId}`);
    for (const admin of await verifiedAdminAddresses()) {
      await sendMail({
        to: admin.email,
        subject: `New submission to review: ${input.clientName} (${input.organizationName})`,
        text: `Hi ${admin.name},\n\n${input.organizationName} submitted "${input.clientName}" for review.\n\nReview it: ${link}\n`,
      });
    }
  });
}
