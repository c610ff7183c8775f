import { liveConversationMetricsEndpoint } from "@/lib/api/endpoints/report-breakdowns";
import { apiRoute } from "@/lib/api/handler";
import { getLiveConversationMetrics, liveFiltersOf } from "@/lib/reports";

export const GET = apiRoute(liveConversationMetricsEndpoint, async ({ db, actor, params, query }) =>
  getLiveConversationMetrics(db, actor, params.account_id, liveFiltersOf(query)),
);
