import { listAppliedSlasEndpoint } from "@/lib/api/endpoints/sla";
import { apiRoute } from "@/lib/api/handler";
import { serializeSlaReportRow, slaReportFiltersFromQuery } from "@/lib/api/serializers/sla-report";
import { listMissedSlas } from "@/lib/sla/report";

export const GET = apiRoute(listAppliedSlasEndpoint, async ({ db, actor, params, query }) => {
  const page = query.page ?? 1;
  const { rows, count } = await listMissedSlas(db, actor, params.account_id, slaReportFiltersFromQuery(query), page);
  return { payload: rows.map((r) => serializeSlaReportRow(params.account_id, r)), meta: { count, current_page: page } };
});
