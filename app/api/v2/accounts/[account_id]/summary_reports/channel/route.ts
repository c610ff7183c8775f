import { channelSummaryEndpoint } from "@/lib/api/endpoints/report-breakdowns";
import { apiRoute } from "@/lib/api/handler";
import { getChannelSummary } from "@/lib/reports";

// A static segment: Next serves it before summary_reports/[kind].
export const GET = apiRoute(channelSummaryEndpoint, async ({ db, actor, params, query }) =>
  getChannelSummary(db, actor, params.account_id, { since: query.since, until: query.until }),
);
