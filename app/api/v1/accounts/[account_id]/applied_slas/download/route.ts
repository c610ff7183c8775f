import { downloadAppliedSlasEndpoint } from "@/lib/api/endpoints/sla";
import { csvResponse } from "@/lib/api/csv-response";
import { apiRoute } from "@/lib/api/handler";
import { slaReportFiltersFromQuery } from "@/lib/api/serializers/sla-report";
import { slaCsv } from "@/lib/sla/csv";
import { listMissedSlas } from "@/lib/sla/report";

export const GET = apiRoute(downloadAppliedSlasEndpoint, async ({ db, actor, params, query }) => {
  const { rows } = await listMissedSlas(db, actor, params.account_id, slaReportFiltersFromQuery(query), null);
  return csvResponse("breached_conversation.csv", slaCsv(params.account_id, rows));
});
