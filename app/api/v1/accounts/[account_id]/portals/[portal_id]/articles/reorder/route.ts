import { reorderArticlesEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { reorderArticles } from "@/lib/help-center/bulk-articles";

export const POST = apiRoute(reorderArticlesEndpoint, async ({ db, actor, params, body }) => {
  await reorderArticles(db, actor, params.account_id, params.portal_id, body.positions_hash);
});
