import { and, eq, inArray, like, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, articles, type Article, type ArticleStatus, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";
import { articleInput, articleUpdate, type ArticleInput, type ArticleUpdate } from "./article-input";
import { findCategory } from "./categories";
import { articleItem, type ArticleListItem } from "./list-articles";
import { announceHelpCenterChange } from "./changes";
import { normalizeLocale, normalizeSlug, slugify } from "./names";
import { findPortal, portalNames } from "./portal-access";

export async function findArticle(db: DbOrTx, portal: Portal, id: number, opts: { lock?: boolean } = {}): Promise<Article> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2147483647) throw notFound("Article");
  const query = db
    .select()
    .from(articles)
    .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.id, id)))
    .limit(1);
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Article");
  return row;
}

/** An article of the portal with its category, author and translations; any status (agents read drafts too, as in Chatwoot). */
export async function getArticle(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  id: number,
): Promise<ArticleListItem & { portal: Portal }> {
  const access = await requireAccountAccess(db, actor, accountId);
  const portal = await findPortal(db, access, portalSlug);
  return { portal, ...(await articleItem(db, portal, await findArticle(db, portal, id))) };
}

/** A free slug from the title: "reset-password", then "reset-password-2", … */
async function freeSlug(tx: Tx, portal: Portal, base: string, exceptId?: number): Promise<string> {
  const stem = base || "article";
  const taken = await tx
    .select({ slug: articles.slug, id: articles.id })
    .from(articles)
    .where(and(eq(articles.portalId, portal.id), or(eq(articles.slug, stem), like(articles.slug, `${stem}-%`))));
  const used = new Set(taken.filter((r) => r.id !== exceptId).map((r) => r.slug));
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

async function checkAuthor(tx: Tx, accountId: number, authorId: number): Promise<void> {
  const [member] = await tx
    .select({ id: accountUsers.id })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, authorId)))
    .limit(1);
  if (!member) throw invalid("Author must be an agent of this account");
}

/**
 * The translation group the article joins: the linked article's group root (groups stay one
 * level deep, like Chatwoot's associate_root_article), refusing a second article in one locale.
 */
async function translationRoot(tx: Tx, portal: Portal, linkedId: number, locale: string, selfId?: number): Promise<number> {
  const linked = await findArticle(tx, portal, linkedId).catch(() => {
    throw invalid("Associated article must be an article of this portal");
  });
  if (linked.id === selfId) throw invalid("An article cannot be a translation of itself");
  const root = linked.associatedArticleId ?? linked.id;
  await assertLocaleFreeInGroup(tx, portal, root, locale, selfId);
  return root;
}

async function assertLocaleFreeInGroup(tx: Tx, portal: Portal, root: number, locale: string, selfId?: number): Promise<void> {
  const sameLocale = await tx
    .select({ id: articles.id })
    .from(articles)
    .where(
      and(
        eq(articles.portalId, portal.id),
        eq(articles.locale, locale),
        or(eq(articles.id, root), eq(articles.associatedArticleId, root)),
        selfId ? sql`${articles.id} <> ${selfId}` : undefined,
      ),
    )
    .limit(1);
  if (sameLocale.length > 0) throw invalid(`This article already has a translation in ${locale}`);
}

/** Resolves the locale from the input, the category or the portal, and checks they agree. */
async function resolveLocaleAndCategory(tx: Tx, portal: Portal, locale: string | undefined, categoryId: number | null | undefined, fallback: string) {
  const category = categoryId ? await findCategory(tx, portal, categoryId).catch(() => { throw invalid("Category must be a category of this portal"); }) : null;
  const resolved = locale?.trim() ? normalizeLocale(locale) : (category?.locale ?? fallback);
  if (!portal.allowedLocales.includes(resolved)) throw invalid(`Locale ${resolved} is not one of the portal's locales`);
  if (category && category.locale !== resolved) throw invalid(`Category ${category.name} is in ${category.locale}, not ${resolved}`);
  return resolved;
}

const publishedAt = (status: ArticleStatus, current: Article | null) =>
  status === "published" ? (current?.publishedAt ?? new Date()) : (current?.publishedAt ?? null);

function conflict(e: unknown): never {
  if (uniqueViolation(e) === "articles_portal_slug_key") throw invalid("Slug has already been taken in this portal");
  throw e;
}

/** Writes need an administrator (Chatwoot's policy: agents read the help center). */
export async function createArticle(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, params: ArticleInput): Promise<Article> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(articleInput, params);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const portal = await findPortal(tx, access, portalSlug);
      const locale = await resolveLocaleAndCategory(tx, portal, input.locale, input.categoryId, portal.defaultLocale);
      const authorId = input.authorId ?? access.userId;
      if (authorId && input.authorId) await checkAuthor(tx, accountId, authorId);
      const slug = input.slug?.trim() ? normalizeSlug(input.slug) : await freeSlug(tx, portal, slugify(input.title));
      const status = input.status ?? "draft";
      const position =
        input.position ??
        (
          await tx
            .select({ next: sql<number>`coalesce(max(${articles.position}), 0) + 10` })
            .from(articles)
            .where(and(eq(articles.portalId, portal.id), eq(articles.locale, locale)))
        )[0].next;
      const [article] = await tx
        .insert(articles)
        .values({
          accountId,
          portalId: portal.id,
          categoryId: input.categoryId ?? null,
          locale,
          title: input.title,
          slug,
          description: input.description,
          content: input.content,
          status,
          authorId,
          position,
          meta: input.meta ?? {},
          associatedArticleId: input.associatedArticleId ? await translationRoot(tx, portal, input.associatedArticleId, locale) : null,
          publishedAt: publishedAt(status, null),
        })
        .returning();
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "article", ids: [article.id], ...portalNames(portal) });
      return article;
    });
  } catch (e) {
    conflict(e);
  }
}

export async function updateArticle(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  id: number,
  params: ArticleUpdate,
): Promise<Article> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(articleUpdate, params);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const portal = await findPortal(tx, access, portalSlug);
      const current = await findArticle(tx, portal, id, { lock: true });
      const categoryId = input.categoryId !== undefined ? input.categoryId : current.categoryId;
      const locale = await resolveLocaleAndCategory(tx, portal, input.locale, categoryId, current.locale);
      const changes: Partial<typeof articles.$inferInsert> = { updatedAt: new Date(), locale, categoryId: categoryId ?? null };
      if (input.title !== undefined) changes.title = input.title;
      if (input.slug !== undefined) changes.slug = input.slug.trim() ? normalizeSlug(input.slug) : await freeSlug(tx, portal, slugify(input.title ?? current.title), current.id);
      if (input.description !== undefined) changes.description = input.description;
      if (input.content !== undefined) changes.content = input.content;
      if (input.position !== undefined) changes.position = input.position;
      if (input.meta !== undefined) changes.meta = input.meta;
      if (input.authorId !== undefined) {
        if (input.authorId) await checkAuthor(tx, accountId, input.authorId);
        changes.authorId = input.authorId ?? null;
      }
      if (input.status !== undefined) {
        changes.status = input.status;
        changes.publishedAt = publishedAt(input.status, current);
      }
      if (input.associatedArticleId !== undefined) {
        changes.associatedArticleId = input.associatedArticleId ? await translationRoot(tx, portal, input.associatedArticleId, locale, current.id) : null;
      } else if (locale !== current.locale) {
        // Moving to another locale must not put two articles of one locale in a group.
        await assertLocaleFreeInGroup(tx, portal, current.associatedArticleId ?? current.id, locale, current.id);
      }
      const [article] = await tx
        .update(articles)
        .set(changes)
        .where(and(eq(articles.accountId, accountId), eq(articles.id, current.id)))
        .returning();
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "article", ids: [current.id], ...portalNames(portal) });
      return article;
    });
  } catch (e) {
    conflict(e);
  }
}

/** Removes articles, keeping each translation group whole (its next article becomes the root). */
export async function removeArticles(tx: Tx, portal: Portal, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const doomed = new Set(ids);
  const members = await tx
    .select({ id: articles.id, root: articles.associatedArticleId })
    .from(articles)
    .where(and(eq(articles.portalId, portal.id), inArray(articles.associatedArticleId, ids)))
    .orderBy(articles.id);
  const survivorsByRoot = new Map<number, number[]>();
  for (const m of members) {
    if (doomed.has(m.id) || m.root === null) continue;
    survivorsByRoot.set(m.root, [...(survivorsByRoot.get(m.root) ?? []), m.id]);
  }
  for (const [, [newRoot, ...rest]] of survivorsByRoot) {
    await tx.update(articles).set({ associatedArticleId: null }).where(and(eq(articles.portalId, portal.id), eq(articles.id, newRoot)));
    if (rest.length) await tx.update(articles).set({ associatedArticleId: newRoot }).where(and(eq(articles.portalId, portal.id), inArray(articles.id, rest)));
  }
  await tx.delete(articles).where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), inArray(articles.id, ids)));
}

export async function deleteArticle(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, id: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  await inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, portalSlug);
    const article = await findArticle(tx, portal, id, { lock: true });
    await removeArticles(tx, portal, [article.id]);
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "article", ids: [article.id], ...portalNames(portal) });
  });
}
