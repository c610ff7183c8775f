import { downloadCsatEndpoint } from "@/lib/api/endpoints/csat";
import { apiRoute } from "@/lib/api/handler";
import { filtersFromQuery } from "@/lib/csat/api-filters";
import { csatCsv } from "@/lib/csat/csv";
import { listCsatResponses } from "@/lib/csat/report";

export const GET = apiRoute(downloadCsatEndpoint, async ({ db, actor, params, query }) => {
  const filters = filtersFromQuery(query);
  const rows = await listCsatResponses(db, actor, params.account_id, filters, { page: 1, perPage: null });
  const csv = csatCsv(params.account_id, rows, { since: filters.since as Date | undefined, until: filters.until as Date | undefined });
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="csat_report.csv"' } });
});
