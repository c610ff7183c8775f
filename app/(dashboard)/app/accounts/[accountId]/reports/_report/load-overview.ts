import "server-only";
import { getDb } from "@/db/client";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";
import { getReportMetrics } from "@/lib/reports";
import { liveOverview } from "@/lib/reports/live-overview";
import { metricViews, reportView, type SearchParams } from "./load-report";

/**
 * The overview's one loader: the live view, and — in parallel — the account's time zone then the
 * period's metrics (one getReportMetrics: every metric with its timeseries and the previous period).
 */
export function loadOverview(ctx: AccountContext, params: SearchParams) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [live, { view, metrics }] = await Promise.all([
      liveOverview(db, ctx.actor, ctx.accountId),
      (async () => {
        const view = await reportView(ctx, params);
        const { query } = view;
        const report = await getReportMetrics(db, ctx.actor, ctx.accountId, {
          type: "account",
          since: view.since,
          until: view.until,
          groupBy: query.groupBy,
          businessHours: query.businessHours,
          timeZone: view.timeZone,
        });
        return { view, metrics: metricViews(ctx.accountId, report, { type: "account" }, view) };
      })(),
    ]);
    return { live, view, metrics };
  });
}
