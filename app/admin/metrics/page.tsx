import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PendingLabel } from "@/components/ui/pending-label";
import { MetricsFunnelChart } from "@/components/admin/metrics-funnel-chart";
import { DecisionTimesTable, FunnelTable, LatestSignUpsTable, QueueAgeList } from "@/components/admin/metrics-tables";
import { AdminNav } from "@/components/review/admin-nav";
import { requireAdmin } from "@/lib/auth/guards";
import { METRICS_PERIODS, latestSignUps, onboardingMetrics, type FunnelStepId } from "@/lib/db/metrics";
import { parsePeriod, periodHref as href } from "./period";
import { utcDate } from "@/lib/text/utc-time";

export const metadata = { title: "Onboarding metrics" };

type Search = Record<string, string | string[] | undefined>;

const STEP_LABEL: Record<FunnelStepId, string> = {
  signed_up: "Signed up",
  first_draft: "First draft",
  first_submission: "First submission",
  first_approval: "First approval",
  first_passing_test: "First passing Test connection",
};

/** How many of the period's latest sign-ups are listed one by one. */
const LATEST = 20;

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const { period, problems } = parsePeriod(await searchParams);
  const now = new Date();
  const [metrics, latest] = await Promise.all([onboardingMetrics(period, now), latestSignUps(period, { now, limit: LATEST })]);
  const signedUp = metrics.funnel[0]?.reached ?? 0;
  const range = `${utcDate(metrics.since)} – ${utcDate(metrics.now)}`;
  const bars = metrics.funnel.map((s) => ({ label: STEP_LABEL[s.id], reached: s.reached }));

  return (
    <div className="space-y-6">
      <AdminNav current="metrics" />
      <PageHeader
        title="Onboarding metrics"
        description="How far the organizations that signed up recently have got, how long submissions wait, and how fast they are decided."
      />
      {problems.map((problem) => (
        <Alert key={problem} tone="warning">
          {problem}
        </Alert>
      ))}

      <nav aria-label="Period" className="-mx-1 flex gap-1 overflow-x-auto">
        {METRICS_PERIODS.map((p) => (
          <Link
            key={p}
            href={href(p)}
            aria-current={p === period ? "page" : undefined}
            className={
              "whitespace-nowrap rounded-md border px-3 py-1.5 text-sm " +
              (p === period ? "border-primary bg-primary-soft text-fg" : "border-border text-fg-muted hover:bg-surface-muted")
            }
          >
            <PendingLabel>Last {p} days</PendingLabel>
          </Link>
        ))}
      </nav>

      <Card>
        <CardHeader
          title={`Sign-ups in the last ${period} days`}
          description={`Organizations that signed up ${range} (UTC), and the first time each reached every step. Times are counted from the sign-up.`}
        />
        <CardBody className="space-y-6">
          {signedUp === 0 ? (
            <EmptyState
              level={3}
              title={`No organizations signed up in the last ${period} days`}
              description="The funnel follows organizations from their sign-up. A longer period may have some."
              action={METRICS_PERIODS.filter((p) => p > period).map((p) => (
                <Link key={p} href={href(p)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                  <PendingLabel>Show the last {p} days</PendingLabel>
                </Link>
              ))}
            />
          ) : (
            <>
              <MetricsFunnelChart bars={bars} title={`Funnel of the ${signedUp} organizations that signed up in the last ${period} days`} />
              <FunnelTable steps={metrics.funnel} labels={STEP_LABEL} />
              <div className="space-y-2">
                <h3 className="text-sm font-semibold">{signedUp > LATEST ? `The latest ${LATEST} sign-ups` : "Each sign-up"}</h3>
                <p className="text-sm text-fg-muted">How far each organization got, and how long ago it last moved on.</p>
                <LatestSignUpsTable rows={latest} labels={STEP_LABEL} now={metrics.now} />
              </div>
            </>
          )}
        </CardBody>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Card className="min-w-0">
          <CardHeader title="Review queue now" description="Submissions waiting for a decision (submitted or in review), by when they were submitted." />
          <CardBody>
            <QueueAgeList queue={metrics.queue} />
          </CardBody>
        </Card>
        <Card className="min-w-0">
          <CardHeader
            title="Time to decision"
            description={`From submission to decision, for the decisions taken in the last ${period} days. A policy approval is one the instant-staging policy made without a person.`}
          />
          <CardBody>
            <DecisionTimesTable
              rows={[
                { label: "Approved by an admin", times: metrics.decisions.humanApprovals, none: "No approvals by an admin in this period" },
                { label: "Approved by the policy", times: metrics.decisions.policyApprovals, none: "No policy approvals yet" },
                { label: "Rejected or changes requested", times: metrics.decisions.otherDecisions, none: "None in this period" },
              ]}
            />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
