import { reorderCategoriesEndpoint } from "@/lib/api/endpoints/help-center-categories";
import { apiRoute } from "@/lib/api/handler";
import { reorderCategories } from "@/lib/help-center/categories";

export const POST = apiRoute(reorderCategoriesEndpoint, async ({ db, actor, params, body }) => {
  await reorderCategories(db, actor, params.account_id, params.portal_id, body.positions_hash);
});
