import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { ChecklistItem } from "@/lib/registration/promotion";

/**
 * What must change before a promoted draft can go to Production, each item linked to its field
 * in the wizard. Worked out from the saved draft: saving and reloading updates it.
 */
export function ProductionChecklist({ registrationId, items }: { registrationId: string; items: ChecklistItem[] }) {
  const mustChange = items.filter((i) => i.blocking);
  const flagged = items.filter((i) => !i.blocking);
  if (!items.length) {
    return (
      <Alert tone="success" title="Ready for Production">
        Nothing in this configuration needs to change for Production. Check the details, then submit it from the Review step.
      </Alert>
    );
  }
  const list = (rows: ChecklistItem[]) => (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      {rows.map((i, n) => (
        <li key={`${i.field}-${n}`}>
          <Link className="font-medium underline underline-offset-2" href={`/registrations/${registrationId}/edit/${i.step}#${i.anchor}`}>
            {i.label}
          </Link>
          : <span className="break-words">{i.message}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <Alert tone={mustChange.length ? "warning" : "info"} title="Before submitting to Production">
      <div aria-label="Production checklist" role="group" className="space-y-3">
        {mustChange.length ? (
          <div>
            <p>Change {mustChange.length === 1 ? "this" : `these ${mustChange.length} things`}: Production refuses them.</p>
            {list(mustChange)}
          </div>
        ) : null}
        {flagged.length ? (
          <div>
            <p>The reviewer will ask about:</p>
            {list(flagged)}
          </div>
        ) : null}
      </div>
    </Alert>
  );
}
