import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { latestSignUps, onboardingMetrics, type OnboardingMetrics } from "@/lib/db/metrics";
import { formatDuration } from "@/components/admin/metrics-format";
import MetricsPage from "@/app/admin/metrics/page";

// Server-rendered markup of /admin/metrics with the data layer replaced: the period filter,
// the chart's text alternative, the tables' numbers, and the empty and "no policy" states.

vi.mock("@/lib/auth/guards", () => ({ requireAdmin: vi.fn(async () => ({ id: "admin", isStaff: true })) }));
vi.mock("@/lib/env", () => ({ env: () => ({ isProduction: false }) }));
vi.mock("@/lib/db/metrics", async (importOriginal) => ({ ...(await importOriginal<object>()), onboardingMetrics: vi.fn(), latestSignUps: vi.fn() }));

const H = 3600;
const NOW = new Date("2026-06-30T12:00:00Z");
const none = { decisions: 0, medianSeconds: null, p90Seconds: null };

function metrics(overrides: Partial<OnboardingMetrics> = {}): OnboardingMetrics {
  return {
    period: 30,
    since: new Date(NOW.getTime() - 30 * 24 * H * 1000),
    now: NOW,
    funnel: [
      { id: "signed_up", reached: 6, medianSeconds: 0, p90Seconds: 0 },
      { id: "first_draft", reached: 5, medianSeconds: 1 * H, p90Seconds: 2.6 * H },
      { id: "first_submission", reached: 4, medianSeconds: 3.5 * H, p90Seconds: 5.4 * H },
      { id: "first_approval", reached: 3, medianSeconds: 27 * H, p90Seconds: 29.4 * H },
      { id: "first_passing_test", reached: 2, medianSeconds: 21.5 * H, p90Seconds: 36.3 * H },
    ],
    queue: { waiting: 2, oldestSubmittedAt: new Date(NOW.getTime() - 356 * H * 1000), oldestWaitSeconds: 356 * H, medianWaitSeconds: 214 * H },
    decisions: { humanApprovals: { decisions: 2, medianSeconds: 17 * H, p90Seconds: 22.6 * H }, policyApprovals: none, otherDecisions: none },
    ...overrides,
  };
}

const render = async (search: Record<string, string> = {}) => renderToStaticMarkup(await MetricsPage({ searchParams: Promise.resolve(search) }));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const signedUp = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * H * 1000);

beforeEach(() => {
  vi.mocked(onboardingMetrics).mockReset().mockResolvedValue(metrics());
  vi.mocked(latestSignUps)
    .mockReset()
    .mockResolvedValue([
      { organizationId: "org-new", name: "Fresh Fintech", signedUpAt: signedUp(2), furthest: "signed_up", furthestAt: signedUp(2) },
      { organizationId: "org-stuck", name: "Stuck Bank", signedUpAt: signedUp(50), furthest: "first_submission", furthestAt: signedUp(47) },
      { organizationId: "org-done", name: "Done AS", signedUpAt: signedUp(80), furthest: "first_passing_test", furthestAt: signedUp(79.5) },
    ]);
});

describe("/admin/metrics", () => {
  it("shows the funnel as a chart with a text alternative and as a table with the same numbers", async () => {
    const html = await render();
    expect(vi.mocked(onboardingMetrics).mock.calls[0]?.[0]).toBe(30);
    expect(html).toMatch(/<svg role="img" aria-labelledby="metrics-funnel-title metrics-funnel-desc"/);
    expect(html).toContain('<title id="metrics-funnel-title">Funnel of the 6 organizations that signed up in the last 30 days</title>');
    expect(html).toContain("First draft: 5 (83 % of sign-ups). First submission: 4 (67 % of sign-ups)");
    const t = text(html);
    // Step, organizations, of sign-ups, drop-off from the step before, median, p90.
    expect(t).toContain("First submission 4 67 % 1 (20 %) 3 h 30 min 5 h 24 min");
    expect(t).toContain("First approval 3 50 % 1 (25 %) 1 day 3 h 1 day 5 h");
    expect(t).toContain("First passing Test connection 2 33 % 1 (33 %) 21 h 30 min 1 day 12 h");
    expect(t).toContain("Oldest waiting 14 days 20 h submitted 15 Jun 2026, 16:00 UTC");
    expect(t).toContain("Median wait 8 days 22 h");
    expect(t).toContain("Approved by an admin 2 17 h 22 h 36 min");
    expect(html).toMatch(/aria-current="page"[^>]*>(?:<span>)?Last (?:<!-- -->)?30(?:<!-- -->)? days/);
  });

  it("lists each sign-up with the furthest step it reached, how long it took and how long ago", async () => {
    const html = await render();
    const t = text(html);
    expect(t).toContain("Each sign-up");
    // Organization, signed up, furthest step, reached after, since then.
    expect(t).toContain("Fresh Fintech 30 Jun 2026, 10:00 UTC Signed up — 2 h");
    expect(t).toMatch(/Stuck Bank .* First submission 3 h 1 day 23 h/);
    expect(t).toMatch(/Done AS .* First passing Test connection 30 min done/);
    // Only organizations with a submission link to their registrations in the queue.
    expect(html).toContain('href="/admin?organization=org-stuck"');
    expect(html).not.toContain('href="/admin?organization=org-new"');
    expect(latestSignUps).toHaveBeenCalledWith(30, expect.objectContaining({ limit: 20 }));
  });

  it("says there are no policy approvals yet rather than showing a zero median", async () => {
    const t = text(await render());
    expect(t).toContain("Approved by the policy No policy approvals yet");
  });

  it("takes a valid period and refuses another, saying so", async () => {
    await render({ period: "7" });
    expect(onboardingMetrics).toHaveBeenLastCalledWith(7, expect.any(Date));
    const html = await render({ period: "365" });
    expect(onboardingMetrics).toHaveBeenLastCalledWith(30, expect.any(Date));
    expect(text(html)).toContain("The period was not applied: choose 7, 30 or 90 days. Showing the last 30 days.");
    // Text the database could not hold is refused by the input rule, as on the other admin filters.
    const nul = await render({ period: "7\u0000" });
    expect(onboardingMetrics).toHaveBeenLastCalledWith(30, expect.any(Date));
    expect(text(nul)).toContain("The period filter was not applied");
  });

  it("shows an empty state when nobody signed up in the period", async () => {
    vi.mocked(onboardingMetrics).mockResolvedValue(
      metrics({ period: 7, funnel: metrics().funnel.map((s) => ({ ...s, reached: 0, medianSeconds: null, p90Seconds: null })) }),
    );
    const html = await render({ period: "7" });
    const t = text(html);
    expect(t).toContain("No organizations signed up in the last 7 days");
    expect(html).toContain('href="/admin/metrics?period=90"');
    expect(html).not.toContain('<svg role="img"');
  });
});

describe("formatDuration", () => {
  it("reads at a glance", () => {
    expect([20, 45 * 60, 5 * H + 24 * 60, 24 * H, 76 * H].map(formatDuration)).toEqual(["under a minute", "45 min", "5 h 24 min", "1 day", "3 days 4 h"]);
  });
});
