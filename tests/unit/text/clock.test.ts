import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clockTime } from "@/lib/text/clock";

// What the save indicator showed before, with Intl: the format clockTime must keep.
const intl = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

describe("clockTime", () => {
  it("writes the time of day as en-GB's 24-hour HH:MM", () => {
    expect(clockTime(new Date(2026, 11, 1, 0, 5))).toBe("00:05");
    expect(clockTime(new Date(2026, 11, 1, 9, 15, 59))).toBe("09:15");
    expect(clockTime(new Date(2026, 11, 1, 23, 59))).toBe("23:59");
  });

  it("agrees with Intl.DateTimeFormat in this process's time zone, for any instant", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }), (at) => {
        expect(clockTime(at)).toBe(intl.format(at));
      }),
      { numRuns: 2000 },
    );
  });
});
