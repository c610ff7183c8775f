import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { articles, helpCenterArticleVotes, helpCenterSearches, portals } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";

/**
 * What readers could not find and what did not help them (issue 11 item 10), for administrators:
 * the searches with no result over the last `days`, most frequent first, and the articles with the
 * most "not helpful" votes relative to their votes (at least `minVotes`).
 */
export type HelpCenterInsights = {
  portal: { id: number; name: string; slug: string };
  days: number;
  failedSearches: { query: string; locale: string; count: number; lastSearchedAt: Date }[];
  leastHelpful: { id: number; title: string; slug: string; locale: string; helpful: number; notHelpful: number; views: number }[];
};

export async function loadHelpCenterInsights(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  input: { portalSlug: string; days?: number; minVotes?: number },
): Promise<HelpCenterInsights> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const [portal] = await db.select({ id: portals.id, name: portals.name, slug: portals.slug }).from(portals)
    .where(and(eq(portals.accountId, accountId), eq(portals.slug, input.portalSlug.toLowerCase()))).limit(1);
  if (!portal) throw notFound("Portal");
  const days = Math.min(Math.max(input.days ?? 30, 1), 365);
  const since = new Date(Date.now() - days * 86_400_000);
  const count = sql<number>`count(*)::int`;
  const notHelpful = sql<number>`count(*) filter (where not ${helpCenterArticleVotes.helpful})::int`;
  const helpful = sql<number>`count(*) filter (where ${helpCenterArticleVotes.helpful})::int`;
  const [failedSearches, leastHelpful] = await Promise.all([
    db.select({ query: helpCenterSearches.query, locale: helpCenterSearches.locale, count, lastSearchedAt: sql<Date>`max(${helpCenterSearches.createdAt})`.mapWith((v) => new Date(v)) })
      .from(helpCenterSearches)
      .where(and(eq(helpCenterSearches.accountId, accountId), eq(helpCenterSearches.portalId, portal.id), eq(helpCenterSearches.resultCount, 0), gte(helpCenterSearches.createdAt, since)))
      .groupBy(helpCenterSearches.query, helpCenterSearches.locale)
      .orderBy(desc(count), helpCenterSearches.query)
      .limit(50),
    db.select({ id: articles.id, title: articles.title, slug: articles.slug, locale: articles.locale, views: articles.views, helpful, notHelpful })
      .from(helpCenterArticleVotes)
      .innerJoin(articles, and(eq(articles.id, helpCenterArticleVotes.articleId), eq(articles.accountId, helpCenterArticleVotes.accountId)))
      .where(and(eq(helpCenterArticleVotes.accountId, accountId), eq(helpCenterArticleVotes.portalId, portal.id)))
      .groupBy(articles.id)
      .having(sql`count(*) >= ${input.minVotes ?? 1} and count(*) filter (where not ${helpCenterArticleVotes.helpful}) > 0`)
      .orderBy(sql`count(*) filter (where not ${helpCenterArticleVotes.helpful})::float / count(*) desc`, desc(notHelpful))
      .limit(50),
  ]);
  return { portal, days, failedSearches, leastHelpful };
}
