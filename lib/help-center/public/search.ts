import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { helpCenterSearches } from "@/db/schema";
import type { PublicPortal } from "./portal";
import { searchDictionary } from "./search-config";

/**
 * Search that forgives (issue 11 item 9): full-text search with the locale's dictionary over the
 * generated `search_vector` (title A, keywords A, description B, body C), every word a prefix in
 * search-as-you-type, and trigram word similarity on title + keywords for typos ("pasword reset").
 * Snippets come from ts_headline with sentinels, so the article text is HTML-escaped here and only
 * our own <mark> gets through.
 */
export type SearchMode = "full" | "prefix";

export type SearchHit = {
  id: number;
  slug: string;
  title: string;
  description: string | null;
  locale: string;
  categoryName: string | null;
  categorySlug: string | null;
  /** Safe HTML: escaped text with <mark> around the matches. */
  snippetHtml: string;
};

const START = "\u0001";
const STOP = "\u0002";
export const MAX_QUERY_LENGTH = 200;

export function normalizeQuery(query: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a search
  return query.replace(/[\u0000-\u001f]/g, " ").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
}

/** The words of a query as a tsquery source: "reset pass" → "'reset' & 'pass':*" (prefix mode: every word). */
export function toTsQuerySource(query: string, mode: SearchMode): string {
  const words = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return words.map((w, i) => `'${w}'${mode === "prefix" || i === words.length - 1 ? ":*" : ""}`).join(" & ");
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function snippetToHtml(headline: string): string {
  return escapeHtml(headline.replace(/[*_`#>]+/g, "")).replaceAll(START, "<mark>").replaceAll(STOP, "</mark>");
}

export async function searchArticles(
  db: DbOrTx,
  portal: PublicPortal,
  locale: string,
  rawQuery: string,
  opts: { mode?: SearchMode; limit?: number } = {},
): Promise<SearchHit[]> {
  const query = normalizeQuery(rawQuery);
  if (query.length === 0) return [];
  const mode = opts.mode ?? "full";
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 50);
  const dictionary = searchDictionary(locale);
  const tsSource = toTsQuerySource(query, mode);
  // The tsquery is written inline (not joined from a CTE) so the planner can use the GIN indexes:
  // a bitmap OR of the full-text match and the trigram match, then ranking only those rows.
  const tsq = sql`to_tsquery(${dictionary}::regconfig, ${tsSource})`;
  const rows = await db.execute<{
    id: number; slug: string; title: string; description: string | null; locale: string;
    category_name: string | null; category_slug: string | null; headline: string;
  }>(sql`
    WITH hits AS (
      SELECT a.id, a.slug, a.title, a.description, a.locale, a.content, a.category_id,
        ts_rank(a.search_vector, ${tsq}) * 2 + word_similarity(${query}, a.search_keywords) AS rank
      FROM articles a
      WHERE a.account_id = ${portal.accountId} AND a.portal_id = ${portal.id} AND a.status = 'published' AND a.locale = ${locale}
        AND (a.search_vector @@ ${tsq} OR ${query} <% a.search_keywords)
      ORDER BY rank DESC, a.id
      LIMIT ${limit}
    )
    SELECT h.id, h.slug, h.title, h.description, h.locale, c.name AS category_name, c.slug AS category_slug,
      ts_headline(${dictionary}::regconfig, left(coalesce(h.description, '') || ' ' || h.content, 5000), ${tsq},
        ${`StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=12, MaxFragments=1`}) AS headline
    FROM hits h LEFT JOIN categories c ON c.id = h.category_id AND c.account_id = ${portal.accountId} AND c.portal_id = ${portal.id}
    ORDER BY h.rank DESC, h.id
  `);
  return rows.map((r) => ({
    id: r.id, slug: r.slug, title: r.title, description: r.description, locale: r.locale,
    categoryName: r.category_name, categorySlug: r.category_slug, snippetHtml: snippetToHtml(r.headline),
  }));
}

/** Remembers a reader's full search for the "searches that found nothing" report. */
export async function recordSearch(db: DbOrTx, portal: PublicPortal, locale: string, rawQuery: string, resultCount: number): Promise<void> {
  const query = normalizeQuery(rawQuery).toLowerCase();
  if (query.length < 2) return;
  await db.insert(helpCenterSearches).values({ accountId: portal.accountId, portalId: portal.id, locale, query, resultCount });
}
