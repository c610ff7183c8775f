import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { articles, categories, users, type Article, type Category, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { statusInput } from "./article-input";
import { normalizeLocale } from "./names";
import { findPortal } from "./portal-access";

export const ARTICLES_PER_PAGE = 25;

export const articleFilters = z.object({
  locale: z.string().trim().optional(),
  categorySlug: z.string().trim().optional(),
  categoryId: z.coerce.number().int().positive().max(2147483647).optional(),
  status: statusInput.optional(),
  authorId: z.coerce.number().int().positive().max(2147483647).optional(),
  query: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(ARTICLES_PER_PAGE),
});
export type ArticleFilters = z.input<typeof articleFilters>;

export type ArticleAuthor = { id: number; name: string; displayName: string | null; email: string };
export type ArticleListItem = {
  article: Article;
  category: Pick<Category, "id" | "name" | "slug" | "locale"> | null;
  author: ArticleAuthor | null;
  /** The other articles of its translation group. */
  translations: Pick<Article, "id" | "title" | "slug" | "locale" | "status">[];
};
export type ArticleList = {
  portal: Portal;
  items: ArticleListItem[];
  page: number;
  /** Counts under the same filters except status (the tabs of the list), and all of the portal. */
  counts: { filtered: number; all: number; published: number; draft: number; archived: number; mine: number };
};

/** Escapes % and _ so a search for "50%" means those characters. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The articles list of the authoring screen and the API (Chatwoot's filters), newest position
 * order. Agents read every status: the help center is theirs to answer from.
 */
export async function listArticles(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, params: ArticleFilters = {}): Promise<ArticleList> {
  const access = await requireAccountAccess(db, actor, accountId);
  const portal = await findPortal(db, access, portalSlug);
  const f = parseInput(articleFilters, params);
  const base: (SQL | undefined)[] = [eq(articles.accountId, accountId), eq(articles.portalId, portal.id)];
  if (f.locale) base.push(eq(articles.locale, normalizeLocale(f.locale)));
  if (f.categoryId) base.push(eq(articles.categoryId, f.categoryId));
  if (f.categorySlug) {
    base.push(
      inArray(
        articles.categoryId,
        db
          .select({ id: categories.id })
          .from(categories)
          .where(and(eq(categories.accountId, accountId), eq(categories.portalId, portal.id), eq(categories.slug, f.categorySlug.toLowerCase()))),
      ),
    );
  }
  if (f.authorId) base.push(eq(articles.authorId, f.authorId));
  if (f.query) {
    const p = likePattern(f.query);
    base.push(or(ilike(articles.title, p), ilike(articles.description, p), ilike(articles.content, p)));
  }
  const where = and(...base, f.status ? eq(articles.status, f.status) : undefined);
  const [rows, [tabCounts], [portalCount]] = await Promise.all([
    db
      .select({
        article: articles,
        category: { id: categories.id, name: categories.name, slug: categories.slug, locale: categories.locale },
        author: { id: users.id, name: users.name, displayName: users.displayName, email: users.email },
      })
      .from(articles)
      .leftJoin(categories, eq(categories.id, articles.categoryId))
      .leftJoin(users, eq(users.id, articles.authorId))
      .where(where)
      .orderBy(asc(articles.position), desc(articles.updatedAt), asc(articles.id))
      .limit(f.perPage)
      .offset((f.page - 1) * f.perPage),
    db
      .select({
        filtered: f.status ? sql<number>`count(*) filter (where ${articles.status} = ${f.status})::int` : sql<number>`count(*)::int`,
        published: sql<number>`count(*) filter (where ${articles.status} = 'published')::int`,
        draft: sql<number>`count(*) filter (where ${articles.status} = 'draft')::int`,
        archived: sql<number>`count(*) filter (where ${articles.status} = 'archived')::int`,
        mine: sql<number>`count(*) filter (where ${articles.authorId} = ${access.userId ?? -1})::int`,
      })
      .from(articles)
      .where(and(...base)),
    db
      .select({ all: sql<number>`count(*)::int` })
      .from(articles)
      .where(and(eq(articles.accountId, accountId), eq(articles.portalId, portal.id))),
  ]);
  const translations = await translationsOf(db, portal, rows.map((r) => r.article));
  return {
    portal,
    page: f.page,
    items: rows.map((r) => ({ ...r, category: r.category?.id ? r.category : null, author: r.author?.id ? r.author : null, translations: translations(r.article) })),
    counts: { ...tabCounts, all: portalCount.all },
  };
}

/** One article with its category, author and translations (the shape of a list row). */
export async function articleItem(db: DbOrTx, portal: Portal, article: Article): Promise<ArticleListItem> {
  const [[row], translations] = await Promise.all([
    db
      .select({
        category: { id: categories.id, name: categories.name, slug: categories.slug, locale: categories.locale },
        author: { id: users.id, name: users.name, displayName: users.displayName, email: users.email },
      })
      .from(articles)
      .leftJoin(categories, eq(categories.id, articles.categoryId))
      .leftJoin(users, eq(users.id, articles.authorId))
      .where(and(eq(articles.accountId, portal.accountId), eq(articles.id, article.id))),
    translationsOf(db, portal, [article]),
  ]);
  return { article, category: row?.category?.id ? row.category : null, author: row?.author?.id ? row.author : null, translations: translations(article) };
}

/** The other members of each article's translation group, in one query. */
export async function translationsOf(db: DbOrTx, portal: Portal, rows: Article[]) {
  const roots = [...new Set(rows.map((a) => a.associatedArticleId ?? a.id))];
  const members = roots.length
    ? await db
        .select({ id: articles.id, title: articles.title, slug: articles.slug, locale: articles.locale, status: articles.status, root: articles.associatedArticleId })
        .from(articles)
        .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), or(inArray(articles.id, roots), inArray(articles.associatedArticleId, roots))))
        .orderBy(asc(articles.locale))
    : [];
  return (a: Article) => {
    const root = a.associatedArticleId ?? a.id;
    return members.filter((m) => m.id !== a.id && (m.id === root || m.root === root)).map(({ root: _root, ...m }) => m);
  };
}
