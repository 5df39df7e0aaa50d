import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_MS, formatWait, waitSeconds } from "@/lib/security/rate-limit";

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const ago = (ms: number) => new Date(NOW - ms);

describe("limits", () => {
  it("are 5 per account and 20 per IP over 15 minutes", () => {
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(5);
    expect(MAX_FAILURES_PER_IP).toBe(20);
    expect(SIGN_IN_WINDOW_MS).toBe(15 * 60 * 1000);
  });
});

describe("waitSeconds (the one sliding-window rule)", () => {
  it("is not locked below the limit", () => {
    expect(waitSeconds([], 5, SIGN_IN_WINDOW_MS, NOW)).toBeUndefined();
    expect(waitSeconds([ago(4000), ago(3000), ago(2000), ago(1000)], 5, SIGN_IN_WINDOW_MS, NOW)).toBeUndefined();
  });

  it("locks at the limit until the oldest counted failure leaves the window", () => {
    const failures = [ago(60_000), ago(3000), ago(2000), ago(1000), ago(0)];
    // The oldest of the 5 failures ages out 15 minutes after it happened: 900 - 60 = 840 s.
    expect(waitSeconds(failures, 5, SIGN_IN_WINDOW_MS, NOW)).toBe(840);
  });

  it("uses the limit-th most recent failure when there are more than the limit", () => {
    const failures = [ago(800_000), ago(700_000), ago(300_000), ago(200_000), ago(100_000), ago(1000)];
    // Six failures, limit 5: freed when the 5th most recent (700 s ago) ages out.
    expect(waitSeconds(failures, 5, SIGN_IN_WINDOW_MS, NOW)).toBe(200);
  });

  it("rounds partial seconds up", () => {
    const failures = [ago(1500), ago(1000)];
    expect(waitSeconds(failures, 2, SIGN_IN_WINDOW_MS, NOW)).toBe(899);
    expect(waitSeconds([ago(SIGN_IN_WINDOW_MS - 1)], 1, SIGN_IN_WINDOW_MS, NOW)).toBe(1);
  });

  it("is not locked once the pivot failure is exactly at or past the window's edge", () => {
    expect(waitSeconds([ago(SIGN_IN_WINDOW_MS)], 1, SIGN_IN_WINDOW_MS, NOW)).toBeUndefined();
    expect(waitSeconds([ago(SIGN_IN_WINDOW_MS + 5000), ago(1000)], 2, SIGN_IN_WINDOW_MS, NOW)).toBeUndefined();
  });
});

describe("formatWait", () => {
  it("rounds up to whole minutes with the right plural", () => {
    expect(formatWait(1)).toBe("1 minute");
    expect(formatWait(60)).toBe("1 minute");
    expect(formatWait(61)).toBe("2 minutes");
    expect(formatWait(840)).toBe("14 minutes");
    expect(formatWait(900)).toBe("15 minutes");
  });
});
