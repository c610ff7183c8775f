import { listCsatResponsesEndpoint } from "@/lib/api/endpoints/csat";
import { apiRoute } from "@/lib/api/handler";
import { filtersFromQuery } from "@/lib/csat/api-filters";
import { listCsatResponses } from "@/lib/csat/report";
import { serializeCsatResponse } from "@/lib/csat/serialize";

export const GET = apiRoute(listCsatResponsesEndpoint, async ({ db, actor, params, query }) =>
  (await listCsatResponses(db, actor, params.account_id, filtersFromQuery(query), { page: query.page ?? 1, perPage: 25 })).map((r) => serializeCsatResponse(params.account_id, r)),
);
