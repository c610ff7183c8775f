import { deleteCategoryEndpoint, getCategoryEndpoint, updateCategoryEndpoint, replaceCategoryEndpoint } from "@/lib/api/endpoints/help-center-categories";
import { apiRoute } from "@/lib/api/handler";
import { categoryInputFrom } from "@/lib/api/help-center-params";
import { serializeCategory } from "@/lib/api/serializers/help-center";
import { deleteCategory, getCategory, updateCategory } from "@/lib/help-center/categories";

export const GET = apiRoute(getCategoryEndpoint, async ({ db, actor, params }) => ({
  payload: serializeCategory(await getCategory(db, actor, params.account_id, params.portal_id, params.id)),
}));

export const PATCH = apiRoute(updateCategoryEndpoint, async ({ db, actor, params, body }) => {
  await updateCategory(db, actor, params.account_id, params.portal_id, params.id, categoryInputFrom(body));
  return { payload: serializeCategory(await getCategory(db, actor, params.account_id, params.portal_id, params.id)) };
});
export const PUT = apiRoute(replaceCategoryEndpoint, async ({ db, actor, params, body }) => {
  await updateCategory(db, actor, params.account_id, params.portal_id, params.id, categoryInputFrom(body));
  return { payload: serializeCategory(await getCategory(db, actor, params.account_id, params.portal_id, params.id)) };
});

export const DELETE = apiRoute(deleteCategoryEndpoint, async ({ db, actor, params }) => {
  await deleteCategory(db, actor, params.account_id, params.portal_id, params.id);
});
