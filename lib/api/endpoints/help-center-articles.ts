import { z } from "zod";
import { defineEndpoint, idParam } from "../endpoint";
import { articleListResponse, articleResponse } from "../serializers/help-center";
import { formId, formInt, formText, idsBody, reorderBody, wrapped } from "./help-center-fields";
import { portalParams } from "./help-center-portals";

const articleParams = portalParams.extend({ id: idParam });
const status = z.union([z.enum(["draft", "published", "archived"]), z.number().int().min(0).max(2), z.enum(["0", "1", "2"])]);

export const articleBody = wrapped("article", {
  title: z.string().optional(),
  slug: z.string().optional(),
  content: z.string().optional(),
  description: formText.optional(),
  status: status.optional().describe("draft, published or archived (Chatwoot's 0, 1, 2 also accepted)"),
  locale: z.string().optional(),
  category_id: formId.optional(),
  author_id: formId.optional(),
  associated_article_id: formId.optional(),
  position: formInt.optional(),
  meta: z
    .object({
      title: z.string().optional(),
      description: z.string().optional(),
      tags: z.union([z.array(z.string()), z.string()]).optional(),
    })
    .nullable()
    .optional(),
});
export type ArticleBody = z.infer<typeof articleBody>;

const base = "/api/v1/accounts/{account_id}/portals/{portal_id}/articles";

export const listArticlesEndpoint = defineEndpoint({
  method: "GET",
  path: base,
  summary: "Articles of a portal, 25 per page, filtered by locale, category_slug, status, author_id and query (title, description, content)",
  tag: "Help Center",
  params: portalParams,
  query: z.object({
    locale: z.string().optional(),
    category_slug: z.string().optional(),
    status: status.optional(),
    author_id: z.coerce.number().int().positive().optional(),
    query: z.string().optional(),
    page: z.coerce.number().int().min(1).optional(),
  }),
  responds: "{ payload: article[], meta: { current_page, articles_count, all_articles_count, published_count, draft_articles_count, archived_articles_count, mine_articles_count } }",
  response: articleListResponse,
});

export const createArticleEndpoint = defineEndpoint({
  method: "POST",
  path: base,
  summary: "Create an article (administrators); a draft unless status says otherwise",
  tag: "Help Center",
  params: portalParams,
  body: articleBody,
  responds: "{ payload: article }",
  response: z.object({ payload: articleResponse }),
});

export const getArticleEndpoint = defineEndpoint({
  method: "GET",
  path: `${base}/{id}`,
  summary: "An article in any status",
  tag: "Help Center",
  params: articleParams,
  responds: "{ payload: article }",
  response: z.object({ payload: articleResponse }),
});

export const updateArticleEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${base}/{id}`,
  summary: "Update an article (administrators); also PUT",
  tag: "Help Center",
  params: articleParams,
  body: articleBody,
  responds: "{ payload: article }",
  response: z.object({ payload: articleResponse }),
});

export const deleteArticleEndpoint = defineEndpoint({
  method: "DELETE",
  path: `${base}/{id}`,
  summary: "Delete an article (administrators)",
  tag: "Help Center",
  params: articleParams,
  responds: "empty",
});

export const reorderArticlesEndpoint = defineEndpoint({
  method: "POST",
  path: `${base}/reorder`,
  summary: "Set article positions: `positions_hash: { \"<id>\": position }` (administrators)",
  tag: "Help Center",
  params: portalParams,
  body: reorderBody,
  responds: "empty",
});

export const bulkStatusEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${base}/bulk_actions/update_status`,
  summary: "Set the status of several articles (administrators)",
  tag: "Help Center",
  params: portalParams,
  body: idsBody.extend({ status }),
  responds: "empty",
});

export const bulkCategoryEndpoint = defineEndpoint({
  method: "PATCH",
  path: `${base}/bulk_actions/update_category`,
  summary: "Move several articles to a category of their locale, or none (administrators)",
  tag: "Help Center",
  params: portalParams,
  body: idsBody.extend({ category_id: formId }),
  responds: "empty",
});

export const bulkDeleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: `${base}/bulk_actions/delete_articles`,
  summary: "Delete several articles (administrators)",
  tag: "Help Center",
  params: portalParams,
  body: idsBody,
  responds: "empty",
});

/** Rails routes PUT to update as well; Chatwoot clients use both. */
export const replaceArticleEndpoint = defineEndpoint({ ...updateArticleEndpoint, method: "PUT" });
