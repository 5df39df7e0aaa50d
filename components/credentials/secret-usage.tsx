import { timeAgo } from "@/components/review/relative-time";
import { utcDateTime } from "@/lib/text/utc-time";

// When a secret last authenticated at the embedded server's token endpoint (lib/db/secret-usage.ts).
// Recorded at most once a minute, so "just now" covers the last minute.

export type Usage = { lastUsedAt: Date | null; lastTestedAt: Date | null };

function Ago({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} title={utcDateTime(at)}>
      {timeAgo(at)}
    </time>
  );
}

/** "last used 2 minutes ago" by the partner's apps; the portal's own Test connection is told apart. */
export function LastUsed({ usage }: { usage: Usage }) {
  return (
    <>
      {usage.lastUsedAt ? (
        <>
          last used <Ago at={usage.lastUsedAt} />
        </>
      ) : (
        "not used yet"
      )}
      {usage.lastTestedAt ? (
        <>
          {" "}
          (by your apps; the portal&apos;s Test connection used it <Ago at={usage.lastTestedAt} />)
        </>
      ) : null}
    </>
  );
}
