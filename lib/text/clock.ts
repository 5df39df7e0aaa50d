// The time of day as "09:15" in the reader's own time zone, for client components.
//
// Not Intl.DateTimeFormat: the first one a page creates loads the locale's date data, which took
// 13-30 ms of main-thread time on a fresh page here (4x that on Lighthouse's simulated phone),
// and the wizard paid it while evaluating its scripts, before it could respond. Date's own
// local-time getters need none of that, and en-GB's 24-hour "HH:MM" is all the wizard shows.

/** "HH:MM", 24-hour, in the local time zone of whoever runs it (the browser, for client code). */
export function clockTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}
