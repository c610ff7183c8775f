import { deleteArticleEndpoint, getArticleEndpoint, updateArticleEndpoint, replaceArticleEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { articleInputFrom } from "@/lib/api/help-center-params";
import { serializeArticle } from "@/lib/api/serializers/help-center";
import { deleteArticle, getArticle, updateArticle } from "@/lib/help-center/articles";

export const GET = apiRoute(getArticleEndpoint, async ({ db, actor, params }) => {
  const view = await getArticle(db, actor, params.account_id, params.portal_id, params.id);
  return { payload: serializeArticle(view, view.portal) };
});

export const PATCH = apiRoute(updateArticleEndpoint, async ({ db, actor, params, body }) => {
  await updateArticle(db, actor, params.account_id, params.portal_id, params.id, articleInputFrom(body));
  const view = await getArticle(db, actor, params.account_id, params.portal_id, params.id);
  return { payload: serializeArticle(view, view.portal) };
});
export const PUT = apiRoute(replaceArticleEndpoint, async ({ db, actor, params, body }) => {
  await updateArticle(db, actor, params.account_id, params.portal_id, params.id, articleInputFrom(body));
  const view = await getArticle(db, actor, params.account_id, params.portal_id, params.id);
  return { payload: serializeArticle(view, view.portal) };
});

export const DELETE = apiRoute(deleteArticleEndpoint, async ({ db, actor, params }) => {
  await deleteArticle(db, actor, params.account_id, params.portal_id, params.id);
});
