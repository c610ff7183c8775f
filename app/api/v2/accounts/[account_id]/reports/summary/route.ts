import { reportFilterOf, reportSummaryEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { serializeReportSummary } from "@/lib/api/serializers/report";
import { getReportMetrics } from "@/lib/reports";

export const GET = apiRoute(reportSummaryEndpoint, async ({ db, actor, params, query }) =>
  serializeReportSummary(await getReportMetrics(db, actor, params.account_id, { ...reportFilterOf(query), timeseries: false })),
);
