import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { articles, portals } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { articlePublicUrl } from "./public-urls";

export type ArticleLink = { id: number; title: string; description: string | null; locale: string; portalName: string; url: string };

/**
 * The composer's "insert article" search: published articles of the account's live portals whose
 * title, description or body contains the words (title matches first). Agents and
 * administrators alike; only what readers can open is offered, so a pasted link never 404s.
 */
export async function searchArticleLinks(db: DbOrTx, actor: Actor, accountId: number, query: string, limit = 8): Promise<ArticleLink[]> {
  await requireAccountAccess(db, actor, accountId);
  const q = query.trim().slice(0, 200);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
  const pattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      description: articles.description,
      locale: articles.locale,
      slug: articles.slug,
      portalName: portals.name,
      portalSlug: portals.slug,
      customDomain: portals.customDomain,
    })
    .from(articles)
    .innerJoin(portals, and(eq(portals.accountId, articles.accountId), eq(portals.id, articles.portalId)))
    .where(
      and(
        eq(articles.accountId, accountId),
        eq(articles.status, "published"),
        eq(portals.archived, false),
        ...words.map((w) => or(ilike(articles.title, pattern(w)), ilike(articles.description, pattern(w)), ilike(articles.content, pattern(w)))),
      ),
    )
    .orderBy(
      desc(words.length ? sql`${articles.title} ilike ${pattern(words.join(" "))}` : sql`true`),
      desc(articles.views),
      asc(articles.title),
    )
    .limit(Math.min(Math.max(limit, 1), 20));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    locale: r.locale,
    portalName: r.portalName,
    url: articlePublicUrl({ slug: r.portalSlug, customDomain: r.customDomain }, r),
  }));
}
