import type { Metadata } from "next";
import { loadAccountContext } from "@/app/_server/account-context";
import { DownloadLink, downloadHref } from "@/components/reports/download-link";
import { FirstResponseDistribution } from "@/components/reports/first-response-distribution";
import { LiveView } from "@/components/reports/live-view";
import { MetricCards, MetricCharts } from "@/components/reports/metric-cards";
import { ReportControls } from "@/components/reports/report-controls";
import { rangeLabel, reportSearch } from "@/components/reports/report-query";
import { loadOverview } from "../_report/load-overview";
import type { SearchParams } from "../_report/load-report";

export const metadata: Metadata = { title: "Reports — overview" };

type Props = { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> };

/** The overview: the live view, then the account's metrics for the period in the URL. */
export default async function ReportsOverviewPage({ params, searchParams }: Props) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("report_manage")) return null;
  const { live, view, metrics, distribution } = await loadOverview(ctx, await searchParams);
  const base = `/app/accounts/${ctx.accountId}/reports/overview`;
  return (
    <>
      <h1 className="sr-only">Overview</h1>
      <LiveView accountId={ctx.accountId} initial={live} />
      <ReportControls
        key={reportSearch(view.query)}
        action={base}
        query={view.query}
        download={
          <DownloadLink href={downloadHref(ctx.accountId, { scope: { type: "account" }, groupBy: view.query.groupBy, since: view.since, until: view.until, businessHours: view.query.businessHours })}>
            Download CSV
          </DownloadLink>
        }
      />
      <h2 className="text-base font-semibold text-slate-900">
        {rangeLabel(view.query)}
        <span className="font-normal text-slate-500">
          {" "}
          · {view.query.businessHours ? "business hours only" : "all hours"} · {view.timeZone}
        </span>
      </h2>
      <MetricCards metrics={metrics} />
      <MetricCharts metrics={metrics} />
      <FirstResponseDistribution view={distribution} businessHours={view.query.businessHours} />
    </>
  );
}
