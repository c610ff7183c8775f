import { bulkCategoryEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { bulkUpdateArticles } from "@/lib/help-center/bulk-articles";

export const PATCH = apiRoute(bulkCategoryEndpoint, async ({ db, actor, params, body }) => {
  await bulkUpdateArticles(db, actor, params.account_id, params.portal_id, { action: "category", ids: body.ids, categoryId: body.category_id });
});
