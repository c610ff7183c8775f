import { createCategoryEndpoint, listCategoriesEndpoint } from "@/lib/api/endpoints/help-center-categories";
import { apiRoute } from "@/lib/api/handler";
import { categoryInputFrom } from "@/lib/api/help-center-params";
import { serializeCategory } from "@/lib/api/serializers/help-center";
import { createCategory, getCategory, listCategories } from "@/lib/help-center/categories";

export const GET = apiRoute(listCategoriesEndpoint, async ({ db, actor, params, query }) => {
  const rows = await listCategories(db, actor, params.account_id, params.portal_id, { locale: query.locale });
  return { payload: rows.map(serializeCategory), meta: { current_page: query.page ?? 1, categories_count: rows.length } };
});

export const POST = apiRoute(createCategoryEndpoint, async ({ db, actor, params, body }) => {
  const input = categoryInputFrom(body);
  const category = await createCategory(db, actor, params.account_id, params.portal_id, { ...input, name: input.name ?? "" });
  return { payload: serializeCategory(await getCategory(db, actor, params.account_id, params.portal_id, category.id)) };
});
