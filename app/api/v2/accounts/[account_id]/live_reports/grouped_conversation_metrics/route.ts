import { liveGroupedMetricsEndpoint } from "@/lib/api/endpoints/report-breakdowns";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { getLiveGroupedConversationMetrics, liveFiltersOf } from "@/lib/reports";

export const GET = apiRoute(liveGroupedMetricsEndpoint, async ({ db, actor, params, query }) => {
  // Chatwoot's message for anything but its two groupings.
  if (query.group_by !== "team_id" && query.group_by !== "assignee_id") throw new AppError("invalid", "invalid group_by");
  return getLiveGroupedConversationMetrics(db, actor, params.account_id, { groupBy: query.group_by, ...liveFiltersOf(query) });
});
