import { reportFilterOf, reportsEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { serializeTimeseries } from "@/lib/api/serializers/report";
import { getReportMetrics } from "@/lib/reports";

export const GET = apiRoute(reportsEndpoint, async ({ db, actor, params, query }) => {
  const report = await getReportMetrics(db, actor, params.account_id, { ...reportFilterOf(query), groupBy: query.group_by, metrics: [query.metric] });
  const metric = report.metrics[query.metric];
  return metric ? serializeTimeseries(metric) : [];
});
