import { reportFilterOf, reportOutgoingCountEndpoint } from "@/lib/api/endpoints/reports";
import { apiRoute } from "@/lib/api/handler";
import { getReportSummary } from "@/lib/reports";

export const GET = apiRoute(reportOutgoingCountEndpoint, async ({ db, actor, params, query }) => {
  const rows = await getReportSummary(db, actor, params.account_id, { ...reportFilterOf(query), dimension: query.group_by });
  return rows.map((r) => ({ id: r.id, name: r.name, outgoing_messages_count: r.outgoingMessagesCount }));
});
