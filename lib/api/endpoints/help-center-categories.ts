import { z } from "zod";
import { defineEndpoint, idParam } from "../endpoint";
import { categoryListResponse, categoryResponse } from "../serializers/help-center";
import { formId, formInt, formText, reorderBody, wrapped } from "./help-center-fields";
import { portalParams } from "./help-center-portals";

const categoryParams = portalParams.extend({ id: idParam });

export const categoryBody = wrapped("category", {
  name: z.string().optional(),
  slug: z.string().optional(),
  locale: z.string().optional(),
  description: formText.optional(),
  icon: formText.optional(),
  position: formInt.optional(),
  parent_category_id: formId.optional(),
  associated_category_id: formId.optional(),
});
export type CategoryBody = z.infer<typeof categoryBody>;

const base = "/api/v1/accounts/{account_id}/portals/{portal_id}/categories";

export const listCategoriesEndpoint = defineEndpoint({
  method: "GET",
  path: base,
  summary: "Categories of a portal in position order, optionally of one locale",
  tag: "Help Center",
  params: portalParams,
  query: z.object({ locale: z.string().optional(), page: z.coerce.number().int().min(1).optional() }),
  responds: "{ payload: category[], meta: { current_page, categories_count } }",
  response: categoryListResponse,
});

export const createCategoryEndpoint = defineEndpoint({
  method: "POST",
  path: base,
  summary: "Create a category (administrators); slug unique per portal and locale",
  tag: "Help Center",
  params: portalParams,
  body: categoryBody,
  responds: "{ payload: category }",
  response: z.object({ payload: categoryResponse }),
});

export const getCategoryEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/{id}`,
  summary: "A category with its linked categories in other locales",
  tag: "Help Center",
  params: categoryParams,
  responds: "{ payload: category }",
  response: z.object({ payload: categoryResponse }),
});

export const updateCategoryEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${base}/{id}`,
  summary: "Update a category (administrators); also PUT",
  tag: "Help Center",
  params: categoryParams,
  body: categoryBody,
  responds: "{ payload: category }",
  response: z.object({ payload: categoryResponse }),
});

export const deleteCategoryEndpoint = defineEndpoint({
  method: "DELETE",
  path: `${base}/{id}`,
  summary: "Delete a category; its articles become uncategorised (administrators)",
  tag: "Help Center",
  params: categoryParams,
  responds: "empty",
});

export const reorderCategoriesEndpoint = defineEndpoint({
  method: "POST",
  path: `${base}/reorder`,
  summary: "Set category positions: `positions_hash: { \"<id>\": position }` (administrators)",
  tag: "Help Center",
  params: portalParams,
  body: reorderBody,
  responds: "empty",
});

/** Rails routes PUT to update as well; Chatwoot clients use both. */
export const replaceCategoryEndpoint = defineEndpoint({ ...updateCategoryEndpoint, method: "PUT" });
