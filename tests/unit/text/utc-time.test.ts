import { afterEach, describe, expect, it } from "vitest";
import { utcDate, utcDateTime } from "@/lib/text/utc-time";

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("utcDateTime and utcDate", () => {
  const lateEvening = new Date("2026-12-01T23:30:05Z");

  it("write UTC and say so", () => {
    expect(utcDateTime(lateEvening)).toBe("1 Dec 2026, 23:30 UTC");
    expect(utcDateTime(lateEvening, { seconds: true })).toBe("1 Dec 2026, 23:30:05 UTC");
    expect(utcDate(lateEvening)).toBe("1 Dec 2026");
  });

  it("do not follow the server's own time zone (a server in UTC+14 writes the same)", () => {
    process.env.TZ = "Pacific/Kiritimati";
    expect(new Date("2026-12-01T23:30:05Z").getHours()).toBe(13); // the zone change took effect
    expect(utcDateTime(lateEvening)).toBe("1 Dec 2026, 23:30 UTC");
    expect(utcDate(lateEvening)).toBe("1 Dec 2026");
  });
});
