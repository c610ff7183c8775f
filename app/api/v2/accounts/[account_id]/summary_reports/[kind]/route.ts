import { reportFilterOf, summaryReportsEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { serializeSummaryRow } from "@/lib/api/serializers/report";
import { getReportSummary } from "@/lib/reports";

export const GET = apiRoute(summaryReportsEndpoint, async ({ db, actor, params, query }) =>
  (await getReportSummary(db, actor, params.account_id, { ...reportFilterOf(query), dimension: params.kind })).map(serializeSummaryRow),
);
