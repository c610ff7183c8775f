import { z } from "zod";
import type { Article, Category, Portal } from "@/db/schema";
import type { CategoryWithLinks } from "@/lib/help-center/categories";
import type { PortalLogo } from "@/lib/help-center/files";
import type { ArticleAuthor, ArticleListItem } from "@/lib/help-center/list-articles";
import type { PortalWithCounts } from "@/lib/help-center/portals";
import { agentResponse } from "../responses";
import { serializeAssignee } from "./agent";
import { unix, unixOrNull } from "./time";

/** Chatwoot's help-center JSON (portals, categories, articles), as schemas and serializers. */
export const DEFAULT_PORTAL_COLOR = "#1f93ff";

const int = z.number().int();
const logoResponse = z.object({
  id: int,
  portal_id: int,
  file_type: z.string(),
  account_id: int,
  file_url: z.string(),
  blob_id: z.string(),
  filename: z.string(),
});

export const portalResponse = z.object({
  id: int,
  account_id: int,
  name: z.string(),
  slug: z.string(),
  page_title: z.string().nullable(),
  header_text: z.string().nullable(),
  color: z.string(),
  homepage_link: z.string().nullable(),
  custom_domain: z.string().nullable(),
  archived: z.boolean(),
  config: z.object({
    allowed_locales: z.array(z.object({ code: z.string(), articles_count: int, categories_count: int, draft: z.boolean() })),
    default_locale: z.string(),
  }),
  logo: logoResponse.optional(),
  meta: z.object({
    all_articles_count: int,
    archived_articles_count: int,
    published_count: int,
    draft_articles_count: int,
    mine_articles_count: int,
    categories_count: int,
    default_locale: z.string(),
  }),
});
export const portalListResponse = z.object({
  payload: z.array(portalResponse),
  meta: z.object({ current_page: int, portals_count: int }),
});

const slimCategory = z.object({
  id: int,
  name: z.string(),
  slug: z.string(),
  locale: z.string(),
  description: z.string().nullable(),
  icon: z.string().nullable(),
  position: int,
  account_id: int,
  portal_id: int,
});
export const categoryResponse = slimCategory.extend({
  parent_category_id: int.nullable(),
  associated_category_id: int.nullable(),
  linked_categories: z.array(slimCategory),
  parent_category: slimCategory.optional(),
});
export const categoryListResponse = z.object({
  payload: z.array(categoryResponse),
  meta: z.object({ current_page: int, categories_count: int }),
});

const status = z.enum(["draft", "published", "archived"]);
const associatedArticle = z.object({ id: int, title: z.string(), slug: z.string(), locale: z.string(), status });
export const articleResponse = z.object({
  id: int,
  slug: z.string(),
  title: z.string(),
  content: z.string(),
  description: z.string().nullable(),
  status,
  position: int,
  locale: z.string(),
  account_id: int,
  portal_id: int,
  category_id: int.nullable(),
  author_id: int.nullable(),
  associated_article_id: int.nullable(),
  meta: z.object({ title: z.string().optional(), description: z.string().optional(), tags: z.array(z.string()).optional() }),
  views: int,
  updated_at: int.describe("Unix seconds"),
  published_at: int.nullable().describe("Unix seconds"),
  category: z.object({ id: int, name: z.string(), slug: z.string(), locale: z.string() }).nullable(),
  author: agentResponse.nullable(),
  portal: z.object({ id: int, name: z.string(), slug: z.string(), custom_domain: z.string().nullable() }).optional(),
  associated_articles: z.array(associatedArticle),
});
export const articleListResponse = z.object({
  payload: z.array(articleResponse),
  meta: z.object({
    current_page: int,
    articles_count: int,
    all_articles_count: int,
    published_count: int,
    draft_articles_count: int,
    archived_articles_count: int,
    mine_articles_count: int,
  }),
});

function serializeLogo(logo: PortalLogo | null) {
  if (!logo) return {};
  return {
    logo: {
      id: logo.id,
      portal_id: logo.portalId,
      file_type: logo.contentType,
      account_id: logo.accountId,
      file_url: logo.url,
      blob_id: logo.key,
      filename: logo.fileName,
    },
  };
}

export function serializePortal({ portal, counts, logo }: PortalWithCounts): z.infer<typeof portalResponse> {
  return {
    id: portal.id,
    account_id: portal.accountId,
    name: portal.name,
    slug: portal.slug,
    page_title: portal.pageTitle,
    header_text: portal.headerText,
    color: portal.color ?? DEFAULT_PORTAL_COLOR,
    homepage_link: portal.homepageLink,
    custom_domain: portal.customDomain,
    archived: portal.archived,
    config: {
      allowed_locales: portal.allowedLocales.map((code) => ({
        code,
        articles_count: counts.locales[code]?.articles ?? 0,
        categories_count: counts.locales[code]?.categories ?? 0,
        draft: false,
      })),
      default_locale: portal.defaultLocale,
    },
    ...serializeLogo(logo),
    meta: {
      all_articles_count: counts.allArticles,
      archived_articles_count: counts.archived,
      published_count: counts.published,
      draft_articles_count: counts.draft,
      mine_articles_count: counts.mine,
      categories_count: counts.categories,
      default_locale: portal.defaultLocale,
    },
  };
}

const slim = (c: Category): z.infer<typeof slimCategory> => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  locale: c.locale,
  description: c.description,
  icon: c.icon,
  position: c.position,
  account_id: c.accountId,
  portal_id: c.portalId,
});

export function serializeCategory({ category, linked, parent }: CategoryWithLinks): z.infer<typeof categoryResponse> {
  return {
    ...slim(category),
    parent_category_id: category.parentCategoryId,
    associated_category_id: category.associatedCategoryId,
    linked_categories: linked.map(slim),
    ...(parent ? { parent_category: slim(parent) } : {}),
  };
}

export function serializeArticle(
  item: Omit<ArticleListItem, "author"> & { author: ArticleAuthor | null },
  portal?: Pick<Portal, "id" | "name" | "slug" | "customDomain">,
): z.infer<typeof articleResponse> {
  const a: Article = item.article;
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    content: a.content,
    description: a.description,
    status: a.status,
    position: a.position,
    locale: a.locale,
    account_id: a.accountId,
    portal_id: a.portalId,
    category_id: a.categoryId,
    author_id: a.authorId,
    associated_article_id: a.associatedArticleId,
    meta: a.meta,
    views: a.views,
    updated_at: unix(a.updatedAt),
    published_at: unixOrNull(a.publishedAt),
    category: item.category,
    author: item.author ? serializeAssignee(a.accountId, { ...item.author, availability: null }) : null,
    ...(portal ? { portal: { id: portal.id, name: portal.name, slug: portal.slug, custom_domain: portal.customDomain } } : {}),
    associated_articles: item.translations,
  };
}
