import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The help center (Chatwoot's portals → categories → articles). Portal slugs and custom domains
 * are unique across the installation (they are URLs); category slugs per portal and locale;
 * article slugs per portal (Chatwoot's article URLs carry no locale). Children reference their
 * portal by (account_id, portal_id), so content can never hang under another account's portal.
 */

export const articleStatus = pgEnum("article_status", ["draft", "published", "archived"]);

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const portals = pgTable(
  "portals",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** Lower-case [a-z0-9-]; the public URL /hc/{slug}. */
    slug: text().notNull(),
    pageTitle: text(),
    headerText: text(),
    /** "#rgb" or "#rrggbb"; null shows the default colour. */
    color: text(),
    homepageLink: text(),
    /** Host name only, lower-case, no port or trailing dot (lib/help-center/domains.ts). */
    customDomain: text(),
    /** Always one of allowedLocales. */
    defaultLocale: text().notNull().default("en"),
    allowedLocales: text().array().notNull().default(sql`ARRAY['en']::text[]`),
    /** An archived portal is not public; its content stays for the authors. */
    archived: boolean().notNull().default(false),
    logoFileId: integer(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("portals_slug_key").on(t.slug),
    uniqueIndex("portals_custom_domain_key").on(t.customDomain),
    index("portals_account_idx").on(t.accountId),
    unique("portals_account_id_id_key").on(t.accountId, t.id),
  ],
);

export const categories = pgTable(
  "categories",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    portalId: integer().notNull(),
    locale: text().notNull(),
    name: text().notNull(),
    slug: text().notNull(),
    description: text(),
    /** An emoji or short text shown beside the name. */
    icon: text(),
    position: integer().notNull().default(0),
    // Same portal, checked by the domain (a composite SET NULL would also null account_id).
    parentCategoryId: integer().references((): AnyPgColumn => categories.id, { onDelete: "set null" }),
    /**
     * Translation group: the id of the group's first category (Chatwoot's associated_category_id);
     * categories sharing it (or being it) are the same category in other locales.
     */
    associatedCategoryId: integer().references((): AnyPgColumn => categories.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("categories_portal_locale_slug_key").on(t.portalId, t.locale, t.slug),
    // Lists per portal and locale in position order (admin and public).
    index("categories_portal_locale_position_idx").on(t.portalId, t.locale, t.position),
    index("categories_account_idx").on(t.accountId),
    index("categories_associated_idx").on(t.associatedCategoryId),
    index("categories_parent_idx").on(t.parentCategoryId),
    unique("categories_account_id_id_key").on(t.accountId, t.id),
    foreignKey({ columns: [t.accountId, t.portalId], foreignColumns: [portals.accountId, portals.id] }).onDelete("cascade"),
  ],
);

/** Chatwoot's article `meta`: what search engines and link previews read, and tags for search. */
export type ArticleMeta = { title?: string; description?: string; tags?: string[] };

export const articles = pgTable(
  "articles",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    portalId: integer().notNull(),
    /** Null: uncategorised (also after its category is deleted). */
    categoryId: integer().references(() => categories.id, { onDelete: "set null" }),
    locale: text().notNull(),
    title: text().notNull(),
    /** Lower-case [a-z0-9-]; /hc/{portal}/articles/{slug}, unique in the portal. */
    slug: text().notNull(),
    description: text(),
    /** Markdown. */
    content: text().notNull().default(""),
    status: articleStatus().notNull().default("draft"),
    authorId: integer().references(() => users.id, { onDelete: "set null" }),
    position: integer().notNull().default(0),
    meta: jsonb().$type<ArticleMeta>().notNull().default({}),
    /** Translation group: the id of the group's first article (Chatwoot's associated_article_id). */
    associatedArticleId: integer().references((): AnyPgColumn => articles.id, { onDelete: "set null" }),
    views: integer().notNull().default(0),
    /** First publication; kept when republished after an edit. */
    publishedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("articles_portal_slug_key").on(t.portalId, t.slug),
    // Public reads: published articles of a portal and locale, per category, in position order.
    index("articles_public_list_idx")
      .on(t.portalId, t.locale, t.categoryId, t.position)
      .where(sql`${t.status} = 'published'`),
    // Admin list and its status counts.
    index("articles_portal_status_idx").on(t.portalId, t.status),
    index("articles_account_idx").on(t.accountId),
    index("articles_author_idx").on(t.authorId),
    index("articles_category_idx").on(t.categoryId),
    index("articles_associated_idx").on(t.associatedArticleId),
    unique("articles_account_id_id_key").on(t.accountId, t.id),
    foreignKey({ columns: [t.accountId, t.portalId], foreignColumns: [portals.accountId, portals.id] }).onDelete("cascade"),
  ],
);

/**
 * Files of a portal: its logo and images uploaded into articles. Bytes live in PostgreSQL like
 * message attachments, so every instance serves them. `key` is random and is the public URL
 * (lib/help-center/files.ts): an image in a draft is not listed anywhere, and its URL cannot be
 * guessed from another one.
 */
export const helpCenterFiles = pgTable(
  "help_center_files",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    portalId: integer().notNull(),
    key: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    data: bytea().notNull(),
    uploadedById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("help_center_files_key").on(t.key),
    index("help_center_files_portal_idx").on(t.accountId, t.portalId),
    foreignKey({ columns: [t.accountId, t.portalId], foreignColumns: [portals.accountId, portals.id] }).onDelete("cascade"),
  ],
);

export type Portal = typeof portals.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type ArticleStatus = (typeof articleStatus.enumValues)[number];
export type HelpCenterFile = typeof helpCenterFiles.$inferSelect;
