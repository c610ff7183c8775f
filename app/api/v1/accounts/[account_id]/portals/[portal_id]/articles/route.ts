import { createArticleEndpoint, listArticlesEndpoint } from "@/lib/api/endpoints/help-center-articles";
import { apiRoute } from "@/lib/api/handler";
import { articleInputFrom } from "@/lib/api/help-center-params";
import { serializeArticle } from "@/lib/api/serializers/help-center";
import type { ArticleFilters } from "@/lib/help-center/list-articles";
import { createArticle, getArticle } from "@/lib/help-center/articles";
import { listArticles } from "@/lib/help-center/list-articles";

export const GET = apiRoute(listArticlesEndpoint, async ({ db, actor, params, query }) => {
  const list = await listArticles(db, actor, params.account_id, params.portal_id, {
    locale: query.locale,
    categorySlug: query.category_slug,
    status: query.status as ArticleFilters["status"],
    authorId: query.author_id,
    query: query.query,
    page: query.page,
  });
  return {
    payload: list.items.map((item) => serializeArticle(item, list.portal)),
    meta: {
      current_page: list.page,
      articles_count: list.counts.filtered,
      all_articles_count: list.counts.all,
      published_count: list.counts.published,
      draft_articles_count: list.counts.draft,
      archived_articles_count: list.counts.archived,
      mine_articles_count: list.counts.mine,
    },
  };
});

export const POST = apiRoute(createArticleEndpoint, async ({ db, actor, params, body }) => {
  const input = articleInputFrom(body);
  const article = await createArticle(db, actor, params.account_id, params.portal_id, { ...input, title: input.title ?? "" });
  const view = await getArticle(db, actor, params.account_id, params.portal_id, article.id);
  return { payload: serializeArticle(view, view.portal) };
});
