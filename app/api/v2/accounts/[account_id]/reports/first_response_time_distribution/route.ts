import { firstResponseDistributionEndpoint } from "@/lib/api/endpoints/report-breakdowns";
import { apiRoute } from "@/lib/api/handler";
import { getFirstResponseTimeDistribution } from "@/lib/reports";

export const GET = apiRoute(firstResponseDistributionEndpoint, async ({ db, actor, params, query }) =>
  getFirstResponseTimeDistribution(db, actor, params.account_id, { since: query.since, until: query.until, businessHours: query.business_hours }),
);
