import { csatMetricsEndpoint } from "@/lib/api/endpoints/csat";
import { apiRoute } from "@/lib/api/handler";
import { filtersFromQuery } from "@/lib/csat/api-filters";
import { csatMetrics } from "@/lib/csat/report";
import { serializeCsatMetrics } from "@/lib/csat/serialize";

export const GET = apiRoute(csatMetricsEndpoint, async ({ db, actor, params, query }) => serializeCsatMetrics(await csatMetrics(db, actor, params.account_id, filtersFromQuery(query))));
