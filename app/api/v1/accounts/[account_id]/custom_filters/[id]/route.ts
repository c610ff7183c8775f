import { deleteCustomFilterEndpoint, showCustomFilterEndpoint, updateCustomFilterEndpoint } from "@/lib/api/endpoints/filters";
import { apiRoute } from "@/lib/api/handler";
import { serializeCustomFilter } from "@/lib/api/serializers/custom-filter";
import { deleteCustomFilter, getCustomFilter, updateCustomFilter } from "@/lib/custom-filters/manage";

export const GET = apiRoute(showCustomFilterEndpoint, async ({ db, actor, params }) => serializeCustomFilter(await getCustomFilter(db, actor, params.account_id, params.id)));

export const PATCH = apiRoute(updateCustomFilterEndpoint, async ({ db, actor, params, body }) =>
  serializeCustomFilter(await updateCustomFilter(db, actor, params.account_id, params.id, body)),
);

export const DELETE = apiRoute(deleteCustomFilterEndpoint, async ({ db, actor, params }) => {
  await deleteCustomFilter(db, actor, params.account_id, params.id);
});
