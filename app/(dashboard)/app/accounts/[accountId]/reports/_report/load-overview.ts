import "server-only";
import { getDb } from "@/db/client";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";
import { distributionView } from "@/components/reports/distribution-view";
import { getFirstResponseTimeDistribution, getReportMetrics } from "@/lib/reports";
import { liveOverview } from "@/lib/reports/live-overview";
import { metricViews, reportView, type SearchParams } from "./load-report";

/**
 * The overview's one loader: the live view, and — in parallel — the account's time zone then the
 * period's metrics (one getReportMetrics: every metric with its timeseries and the previous period)
 * beside the period's first-response-time distribution.
 */
export function loadOverview(ctx: AccountContext, params: SearchParams) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [live, { view, metrics, distribution }] = await Promise.all([
      liveOverview(db, ctx.actor, ctx.accountId),
      (async () => {
        const view = await reportView(ctx, params);
        const { query } = view;
        const [report, distribution] = await Promise.all([
          getReportMetrics(db, ctx.actor, ctx.accountId, {
            type: "account",
            since: view.since,
            until: view.until,
            groupBy: query.groupBy,
            businessHours: query.businessHours,
            timeZone: view.timeZone,
          }),
          // The same period and hours: the instants of the days asked for in the account's zone.
          getFirstResponseTimeDistribution(db, ctx.actor, ctx.accountId, { since: view.since, until: view.until, businessHours: query.businessHours }),
        ]);
        return { view, metrics: metricViews(ctx.accountId, report, { type: "account" }, view), distribution: distributionView(distribution) };
      })(),
    ]);
    return { live, view, metrics, distribution };
  });
}
