import "server-only";
import { getDb } from "@/db/client";
import { inAccountScope, type AccountContext } from "@/app/_server/account-context";
import { getReportMetrics, getReportSummary, type SummaryDimension } from "@/lib/reports";
import { metricViews, reportView, type SearchParams } from "./load-report";

/**
 * The agent / inbox / team / label report's one loader: the account's time zone, then in parallel
 * the table of all of them (getReportSummary: one statement) and, when one is picked, its metrics
 * with their timeseries.
 */
export function loadDimensionReport(ctx: AccountContext, params: SearchParams, dimension: SummaryDimension) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const view = await reportView(ctx, params);
    const { query } = view;
    const filter = { since: view.since, until: view.until, businessHours: query.businessHours };
    const [rows, report] = await Promise.all([
      getReportSummary(db, ctx.actor, ctx.accountId, { ...filter, dimension }),
      query.id === undefined ? null : getReportMetrics(db, ctx.actor, ctx.accountId, { ...filter, type: dimension, id: query.id, groupBy: query.groupBy, timeZone: view.timeZone }),
    ]);
    const picked = query.id === undefined ? undefined : rows.find((r) => r.id === query.id);
    const metrics = report && picked ? metricViews(ctx.accountId, report, { type: dimension, id: picked.id }, view) : null;
    return { view, rows, picked, metrics };
  });
}
