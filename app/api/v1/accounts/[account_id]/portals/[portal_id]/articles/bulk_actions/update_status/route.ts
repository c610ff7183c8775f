import { bulkStatusEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { bulkUpdateArticles } from "@/lib/help-center/bulk-articles";

export const PATCH = apiRoute(bulkStatusEndpoint, async ({ db, actor, params, body }) => {
  await bulkUpdateArticles(db, actor, params.account_id, params.portal_id, { action: "status", ids: body.ids, status: body.status as never });
});
