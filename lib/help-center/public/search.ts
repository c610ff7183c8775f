import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
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
  // The tsquery is written inline (not joined from a CTE) so the planner can use the GIN indexes.
  const tsq = sql`to_tsquery(${dictionary}::regconfig, ${tsSource})`;
  // The planner prices a tsvector @@ or a trigram test as cheap, but on a seq scan or a scan of the
  // account/portal indexes each one detoasts a whole article's vector (40-60 ms at 10,000 articles,
  // where the GIN indexes answer in a few ms). So the scope is written "+ 0" (no btree index can
  // serve it) and sequential scans are off for these statements: the GIN indexes are the only path.
  const scope = sql`a.account_id + 0 = ${portal.accountId} AND a.portal_id + 0 = ${portal.id} AND a.status::text = 'published' AND a.locale || '' = ${locale}`;
  const rows = await inTransaction(db, async (tx) => {
    const [{ prev }] = await tx.execute<{ prev: string }>(sql`SELECT current_setting('enable_seqscan') AS prev, set_config('enable_seqscan', 'off', true)`);
    let rows = await selectPage(tx, portal, dictionary, tsq, textHitsSql(scope, tsq, limit));
    // Typo tolerance only when full text finds less than a page ("pasword reset" finds nothing):
    // a trigram scan of every query would cost as much as the rest of the search.
    if (rows.length < limit) {
      const seen = rows.map((r) => r.id);
      const exclude = seen.length > 0 ? sql`AND a.id NOT IN (${sql.join(seen.map((id) => sql`${id}`), sql`, `)})` : sql``;
      rows = rows.concat(await selectPage(tx, portal, dictionary, tsq, sql`
        SELECT a.id, 3 AS tier, word_similarity(${query}, a.search_keywords) AS rank FROM articles a
        WHERE ${scope} AND ${query} <% a.search_keywords ${exclude}
        ORDER BY rank DESC, a.id LIMIT ${limit - rows.length}`));
    }
    await tx.execute(sql`SELECT set_config('enable_seqscan', ${prev}, true)`);
    return rows;
  });
  return rows.map((r) => ({
    id: r.id, slug: r.slug, title: r.title, description: r.description, locale: r.locale,
    categoryName: r.category_name, categorySlug: r.category_slug, snippetHtml: snippetToHtml(r.headline),
  }));
}

/** The page's ids and ranks from full text: title/description matches first, ranked on the short
 * summary vector; body-only matches only to fill the page, and only a bounded set of them ranked on
 * the full vector (a common word matches most articles; ts_rank detoasts each full-body vector).
 * "a.id + 0": ordered by the bare id, the planner walks the primary key and checks @@ on every
 * row's detoasted vector (40 ms for a word no article has); this keeps the GIN bitmap. */
export const BODY_CANDIDATES = 200;
export function textHitsSql(scope: SQL, tsq: SQL, limit: number): SQL {
  return sql`
    WITH head AS (
      SELECT a.id, 1 AS tier, ts_rank(a.summary_vector, ${tsq}) AS rank FROM articles a
      WHERE ${scope} AND a.summary_vector @@ ${tsq}
      ORDER BY rank DESC, a.id LIMIT ${limit}
    ), body AS (
      SELECT a.id, 2 AS tier, ts_rank(a.search_vector, ${tsq}) AS rank
      FROM (SELECT a.id FROM articles a WHERE ${scope} AND a.search_vector @@ ${tsq} AND NOT (a.summary_vector @@ ${tsq})
        ORDER BY a.id + 0 LIMIT ${BODY_CANDIDATES}) c JOIN articles a ON a.id = c.id
      WHERE (SELECT count(*) FROM head) < ${limit}
    )
    SELECT id, tier, rank FROM (SELECT * FROM head UNION ALL SELECT * FROM body) h ORDER BY tier, rank DESC, id LIMIT ${limit}`;
}

type PageRow = {
  id: number; slug: string; title: string; description: string | null; locale: string;
  category_name: string | null; category_slug: string | null; headline: string;
};

/** Articles, categories and snippets for the page's hits only: ts_headline reads whole bodies. */
export function pageSql(portal: PublicPortal, dictionary: string, tsq: SQL, hits: SQL): SQL {
  return sql`
    SELECT a.id, a.slug, a.title, a.description, a.locale, c.name AS category_name, c.slug AS category_slug,
      ts_headline(${dictionary}::regconfig, left(coalesce(a.description, '') || ' ' || a.content, 5000), ${tsq},
        ${`StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=12, MaxFragments=1`}) AS headline
    FROM (${hits}) h JOIN articles a ON a.id = h.id AND a.account_id = ${portal.accountId}
    LEFT JOIN categories c ON c.id = a.category_id AND c.account_id = ${portal.accountId} AND c.portal_id = ${portal.id}
    ORDER BY h.tier, h.rank DESC, a.id`;
}

async function selectPage(db: DbOrTx, portal: PublicPortal, dictionary: string, tsq: SQL, hits: SQL): Promise<PageRow[]> {
  return [...(await db.execute<PageRow>(pageSql(portal, dictionary, tsq, hits)))];
}

/** Remembers a reader's full search for the "searches that found nothing" report. */
export async function recordSearch(db: DbOrTx, portal: PublicPortal, locale: string, rawQuery: string, resultCount: number): Promise<void> {
  const query = normalizeQuery(rawQuery).toLowerCase();
  if (query.length < 2) return;
  await db.insert(helpCenterSearches).values({ accountId: portal.accountId, portalId: portal.id, locale, query, resultCount });
}
