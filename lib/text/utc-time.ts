import "server-only";

// Dates and times the server writes into pages, always in UTC and saying so. The server's own
// time zone is wherever it happens to run, so "10:28" alone would be nobody's clock in
// particular: a partner in Copenhagen could not tell it from their own. Server code only: the
// first Intl.DateTimeFormat a browser page makes costs it 13-30 ms (see lib/text/clock.ts for
// the browser's own time).

const minutes = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const seconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "1 Dec 2026, 10:28 UTC"; with `seconds`, "1 Dec 2026, 10:28:05 UTC" (audit rows, test runs). */
export function utcDateTime(at: Date, options: { seconds?: boolean } = {}): string {
  return `${(options.seconds ? seconds : minutes).format(at)} UTC`;
}

/** "1 Dec 2026", the UTC day: for dates where the hour does not matter (joined, expires). */
export function utcDate(at: Date): string {
  return day.format(at);
}
