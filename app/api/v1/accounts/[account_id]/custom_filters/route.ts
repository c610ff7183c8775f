import { createCustomFilterEndpoint, listCustomFiltersEndpoint } from "@/lib/api/endpoints/filters";
import { apiRoute } from "@/lib/api/handler";
import { serializeCustomFilter } from "@/lib/api/serializers/custom-filter";
import { createCustomFilter, listCustomFilters } from "@/lib/custom-filters/manage";

export const GET = apiRoute(listCustomFiltersEndpoint, async ({ db, actor, params, query }) =>
  (await listCustomFilters(db, actor, params.account_id, query.filter_type)).map(serializeCustomFilter),
);

export const POST = apiRoute(createCustomFilterEndpoint, async ({ db, actor, params, body }) =>
  serializeCustomFilter(await createCustomFilter(db, actor, params.account_id, body)),
);
