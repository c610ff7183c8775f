import { appliedSlaMetricsEndpoint } from "@/lib/api/endpoints/sla";
import { apiRoute } from "@/lib/api/handler";
import { slaReportFiltersFromQuery } from "@/lib/api/serializers/sla-report";
import { slaReportMetrics } from "@/lib/sla/report";

export const GET = apiRoute(appliedSlaMetricsEndpoint, async ({ db, actor, params, query }) => {
  const m = await slaReportMetrics(db, actor, params.account_id, slaReportFiltersFromQuery(query));
  return { total_applied_slas: m.total, number_of_sla_misses: m.missed, hit_rate: m.hitRate };
});
