import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { articles, helpCenterArticleVotes } from "@/db/schema";
import type { PublicPortal } from "./portal";

/**
 * Readers' feedback without accounts (issue 11 item 10): one "Was this helpful?" vote per visitor
 * and article (a later vote replaces the earlier one), and view counts. Both ignore bots; views
 * also ignore reloads (the caller keeps the recently viewed articles in a short-lived cookie).
 */
const BOT = /bot\b|crawl|spider|slurp|fetch|preview|scan|monitor|headless|lighthouse|curl|wget|python|java\/|go-http|httpclient|axios|node-fetch|facebookexternalhit|embedly|whatsapp|telegram|discord|slack|bingpreview|yandex|baidu|duckduck|semrush|ahrefs|mj12/i;

export function isBot(userAgent: string | null): boolean {
  return !userAgent || userAgent.length < 10 || BOT.test(userAgent);
}

/** Records or changes a visitor's vote on a published article; false when the article is not public. */
export async function recordVote(db: DbOrTx, portal: PublicPortal, articleId: number, visitorKey: string, helpful: boolean): Promise<boolean> {
  const [article] = await db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.id, articleId), eq(articles.status, "published")))
    .limit(1);
  if (!article) return false;
  await db.insert(helpCenterArticleVotes)
    .values({ accountId: portal.accountId, portalId: portal.id, articleId, visitorKey, helpful })
    .onConflictDoUpdate({ target: [helpCenterArticleVotes.articleId, helpCenterArticleVotes.visitorKey], set: { helpful, updatedAt: sql`now()` } });
  return true;
}

/** Counts one view of a published article. The trigger that versions the page cache ignores `views`. */
export async function recordView(db: DbOrTx, portal: PublicPortal, articleId: number): Promise<void> {
  await db.update(articles).set({ views: sql`${articles.views} + 1` })
    .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.id, articleId), eq(articles.status, "published")));
}

/** The recently viewed article ids kept in the visitor's cookie ("12.40.7"), newest last, at most 50. */
export function parseSeen(cookie: string | undefined): number[] {
  return (cookie ?? "").split(".").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(-50);
}

export function withSeen(seen: number[], id: number): string {
  return [...seen.filter((s) => s !== id), id].slice(-50).join(".");
}

/** The id of a published article by slug, for the view beacon and votes. */
export async function findPublishedArticleId(db: DbOrTx, portal: PublicPortal, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id), eq(articles.slug, slug), eq(articles.status, "published")))
    .limit(1);
  return row?.id ?? null;
}
