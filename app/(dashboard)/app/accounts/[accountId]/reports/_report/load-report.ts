import "server-only";
import { getDb } from "@/db/client";
import type { AccountContext } from "@/app/_server/account-context";
import { metricConversationsHref, type ReportScope } from "@/components/reports/conversation-links";
import { METRIC_LABELS, type MetricView } from "@/components/reports/metric-view";
import { parseReportQuery, type ReportQuery } from "@/components/reports/report-query";
import { bucketLabel, dayIn, rangeInstants } from "@/components/reports/time-zone";
import { isDurationMetric, REPORT_METRICS, type ReportMetrics } from "@/lib/reports";
import { accountTimeZone } from "@/lib/reports/filter";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A report's view from its URL, in the account's time zone: the days asked for and the instants they cover. */
export type ReportView = { timeZone: string; query: ReportQuery; since: Date; until: Date };

/** The view a report's URL asks for. Reports count days in the account's zone (lib/reports' accountTimeZone). */
export async function reportView(ctx: AccountContext, params: SearchParams): Promise<ReportView> {
  const timeZone = await accountTimeZone(getDb(), ctx.accountId);
  const query = parseReportQuery(params, dayIn(timeZone));
  return { timeZone, query, ...rangeInstants(query, timeZone) };
}

/**
 * getReportMetrics' answer as the cards and charts show it: every metric in Chatwoot's order, each
 * number with the link to its conversations (the period's, and each bucket's).
 */
export function metricViews(accountId: number, report: ReportMetrics, scope: ReportScope, view: ReportView): MetricView[] {
  const views: MetricView[] = [];
  for (const metric of REPORT_METRICS) {
    const m = report.metrics[metric];
    if (!m) continue;
    const link = (since: Date, until: Date) => metricConversationsHref(accountId, { metric, scope, businessHours: view.query.businessHours, since, until });
    views.push({
      metric,
      label: METRIC_LABELS[metric] ?? metric,
      kind: isDurationMetric(metric) ? "duration" : "count",
      current: m.current,
      previous: m.previous,
      href: link(view.since, view.until),
      points: m.timeseries.map((point, i) => {
        const start = new Date(point.timestamp * 1000);
        // A bucket runs to the next one's start; the first and last are cut to the period.
        const from = start < view.since ? view.since : start;
        const next = m.timeseries[i + 1];
        const to = next ? new Date(next.timestamp * 1000) : view.until;
        return { label: bucketLabel(start, report.groupBy, report.timeZone), value: point.value, median: point.median, p90: point.p90, href: link(from, to) };
      }),
    });
  }
  return views;
}
