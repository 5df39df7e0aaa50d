import { DEFAULT_METRICS_PERIOD, METRICS_PERIODS, type MetricsPeriod } from "@/lib/db/metrics";
import { cleanSearchParams } from "@/lib/http/clean-input";

type Search = Record<string, string | string[] | undefined>;

/** The period from ?period=7|30|90; anything else falls back to 30 days and says so, as the other admin filters do. */
export function parsePeriod(search: Search): { period: MetricsPeriod; problems: string[] } {
  const { values, problems } = cleanSearchParams(search, { period: "period" });
  const raw = values.period?.trim();
  if (!raw) return { period: DEFAULT_METRICS_PERIOD, problems };
  const period = METRICS_PERIODS.find((p) => String(p) === raw);
  if (period) return { period, problems };
  return {
    period: DEFAULT_METRICS_PERIOD,
    problems: [`The period was not applied: choose 7, 30 or 90 days. Showing the last ${DEFAULT_METRICS_PERIOD} days.`],
  };
}

export const periodHref = (period: MetricsPeriod) => (period === DEFAULT_METRICS_PERIOD ? "/admin/metrics" : `/admin/metrics?period=${period}`);
