import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { articles, categories, users, type Article, type Category } from "@/db/schema";
import type { PublicPortal } from "./portal";

/**
 * The public site's reads. Visitors see published articles only, and only those with no category
 * or a category of the same portal (a category has no status of its own); every read is scoped by
 * the portal, which is scoped by its account, so nothing crosses accounts.
 */
export type ArticleSummary = Pick<Article, "id" | "slug" | "title" | "description" | "locale" | "updatedAt" | "views"> & { categoryId: number | null };
export type CategoryWithArticles = Category & { articles: ArticleSummary[]; articleCount: number };

const summary = {
  id: articles.id, slug: articles.slug, title: articles.title, description: articles.description,
  locale: articles.locale, updatedAt: articles.updatedAt, views: articles.views, categoryId: articles.categoryId,
};

const published = (portal: PublicPortal) => and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.status, "published"));

export function isAllowedLocale(portal: PublicPortal, locale: string): boolean {
  return portal.allowedLocales.includes(locale);
}

export async function loadHome(db: DbOrTx, portal: PublicPortal, locale: string, perCategory = 5) {
  const [cats, rows, popular] = await Promise.all([
    db.select().from(categories)
      .where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), eq(categories.locale, locale)))
      .orderBy(asc(categories.position), asc(categories.id)),
    db.select(summary).from(articles)
      .where(and(published(portal), eq(articles.locale, locale)))
      .orderBy(asc(articles.position), asc(articles.id)),
    db.select(summary).from(articles)
      .where(and(published(portal), eq(articles.locale, locale)))
      .orderBy(desc(articles.views), asc(articles.id))
      .limit(6),
  ]);
  const withArticles: CategoryWithArticles[] = cats.map((c) => {
    const list = rows.filter((a) => a.categoryId === c.id);
    return { ...c, articles: list.slice(0, perCategory), articleCount: list.length };
  });
  const uncategorised = rows.filter((a) => a.categoryId === null || !cats.some((c) => c.id === a.categoryId)).slice(0, perCategory);
  return { categories: withArticles, uncategorised, popular };
}

export async function loadCategory(db: DbOrTx, portal: PublicPortal, locale: string, slug: string) {
  const [category] = await db.select().from(categories)
    .where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), eq(categories.locale, locale), eq(categories.slug, slug)))
    .limit(1);
  if (!category) return null;
  const group = category.associatedCategoryId ?? category.id;
  const [list, children, translations, parent] = await Promise.all([
    db.select(summary).from(articles).where(and(published(portal), eq(articles.categoryId, category.id))).orderBy(asc(articles.position), asc(articles.id)),
    db.select().from(categories).where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), eq(categories.parentCategoryId, category.id))).orderBy(asc(categories.position)),
    db.select({ locale: categories.locale, slug: categories.slug }).from(categories)
      .where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), or(eq(categories.id, group), eq(categories.associatedCategoryId, group)))),
    category.parentCategoryId
      ? db.select().from(categories).where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), eq(categories.id, category.parentCategoryId))).limit(1)
      : Promise.resolve([] as Category[]),
  ]);
  return { category, articles: list, children, parent: parent[0] ?? null, translations: translations.filter((t) => portal.allowedLocales.includes(t.locale)) };
}

export type LoadedArticle = NonNullable<Awaited<ReturnType<typeof loadArticle>>>;

/**
 * An article by slug. With `includeUnpublished` (an agent of the account previewing) drafts and
 * archived articles come back too; the caller marks them.
 */
export async function loadArticle(db: DbOrTx, portal: PublicPortal, slug: string, opts: { includeUnpublished?: boolean } = {}) {
  const [row] = await db
    .select({ article: articles, category: categories, authorName: sql<string | null>`coalesce(${users.displayName}, ${users.name})` })
    .from(articles)
    .leftJoin(categories, and(eq(categories.id, articles.categoryId), eq(categories.accountId, articles.accountId), eq(categories.portalId, articles.portalId)))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.slug, slug)))
    .limit(1);
  if (!row) return null;
  const isPublic = row.article.status === "published" && portal.allowedLocales.includes(row.article.locale);
  if (!isPublic && !opts.includeUnpublished) return null;
  const group = row.article.associatedArticleId ?? row.article.id;
  const translations = await db
    .select({ locale: articles.locale, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(published(portal), or(eq(articles.id, group), eq(articles.associatedArticleId, group))))
    .orderBy(asc(articles.id));
  return {
    ...row,
    isPublic,
    // One per locale (the first), only in the portal's locales.
    translations: translations.filter((t, i, all) => portal.allowedLocales.includes(t.locale) && all.findIndex((o) => o.locale === t.locale) === i),
  };
}

export async function loadSitemap(db: DbOrTx, portal: PublicPortal) {
  const [list, cats] = await Promise.all([
    db.select({ slug: articles.slug, locale: articles.locale, updatedAt: articles.updatedAt, id: articles.id, group: sql<number>`coalesce(${articles.associatedArticleId}, ${articles.id})`.mapWith(Number) })
      .from(articles).where(and(published(portal), inArray(articles.locale, portal.allowedLocales))).orderBy(asc(articles.id)),
    db.select({ slug: categories.slug, locale: categories.locale, updatedAt: categories.updatedAt })
      .from(categories).where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), inArray(categories.locale, portal.allowedLocales))),
  ]);
  return { articles: list, categories: cats };
}

