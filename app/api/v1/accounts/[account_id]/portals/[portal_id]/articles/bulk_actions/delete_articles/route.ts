import { bulkDeleteEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { bulkUpdateArticles } from "@/lib/help-center/bulk-articles";

export const DELETE = apiRoute(bulkDeleteEndpoint, async ({ db, actor, params, body }) => {
  await bulkUpdateArticles(db, actor, params.account_id, params.portal_id, { action: "delete", ids: body.ids });
});
