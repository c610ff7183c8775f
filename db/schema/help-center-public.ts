import { bigint, boolean, foreignKey, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { articles, portals } from "./help-center";

/**
 * What the public help center keeps beside the content (docs/help-center.md):
 * - a version per portal that database triggers bump on every change to the portal, its categories
 *   or its articles (hand-written SQL in the migration that made this table), so every instance's page cache knows at once that it is stale;
 * - readers' "Was this helpful?" votes, one per visitor and article;
 * - the searches readers made, for the "searches that found nothing" report.
 * The search index itself (a generated tsvector column and a trigram index on articles) is in the
 * same migration's hand-written SQL, since it needs pg_trgm and a per-locale dictionary.
 */
export const helpCenterCacheVersions = pgTable("help_center_cache_versions", {
  // No foreign key: the row outlives nothing, and triggers write it while the portal is being deleted.
  portalId: integer().primaryKey(),
  version: bigint({ mode: "number" }).notNull().default(0),
});

export const helpCenterArticleVotes = pgTable(
  "help_center_article_votes",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    portalId: integer().notNull(),
    articleId: integer().notNull(),
    /** A random id from the visitor's cookie: readers have no account. */
    visitorKey: text().notNull(),
    helpful: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("help_center_article_votes_visitor_key").on(t.articleId, t.visitorKey),
    index("help_center_article_votes_account_idx").on(t.accountId),
    index("help_center_article_votes_portal_idx").on(t.portalId),
    foreignKey({ columns: [t.accountId, t.articleId], foreignColumns: [articles.accountId, articles.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.portalId], foreignColumns: [portals.accountId, portals.id] }).onDelete("cascade"),
  ],
);

export const helpCenterSearches = pgTable(
  "help_center_searches",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    portalId: integer().notNull(),
    locale: text().notNull(),
    /** Lower-cased, spaces collapsed, at most 200 characters. */
    query: text().notNull(),
    resultCount: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("help_center_searches_portal_created_idx").on(t.portalId, t.createdAt),
    index("help_center_searches_account_idx").on(t.accountId),
    foreignKey({ columns: [t.accountId, t.portalId], foreignColumns: [portals.accountId, portals.id] }).onDelete("cascade"),
  ],
);
