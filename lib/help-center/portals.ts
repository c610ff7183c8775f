import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { articles, categories, portals, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid } from "@/lib/errors";
import { announceHelpCenterChange } from "./changes";
import { portalLogo, replaceLogo, type PortalLogo, type UploadInput } from "./files";
import { COLOR, normalizeCustomDomain, normalizeLocale, normalizeSlug, slugify } from "./names";
import { findPortal, portalNames } from "./portal-access";

const optionalText = z.string().trim().max(5000).nullish().transform((v) => (v ? v : null));

export const portalInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  slug: z.string().max(100).optional(),
  pageTitle: optionalText,
  headerText: optionalText,
  color: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || COLOR.test(v), "Color must be a hex colour such as #1f93ff"),
  homepageLink: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), "Homepage link must start with http:// or https://"),
  customDomain: z.string().max(300).nullish(),
  allowedLocales: z.array(z.string()).max(50).optional(),
  defaultLocale: z.string().optional(),
  archived: z.boolean().optional(),
  /** A new logo image; null removes it, undefined keeps it. */
  logo: z.custom<UploadInput>((v) => typeof v === "object" && v !== null && Buffer.isBuffer((v as UploadInput).data)).nullish(),
});
export type PortalInput = z.input<typeof portalInput>;
export const portalUpdate = portalInput.partial();
export type PortalUpdate = z.input<typeof portalUpdate>;

/** Article and category counts of a portal, for Chatwoot's `meta` and the portals list. */
export type PortalCounts = {
  allArticles: number;
  published: number;
  draft: number;
  archived: number;
  mine: number;
  categories: number;
  /** Per locale: articles and categories (Chatwoot's config.allowed_locales[].articles_count). */
  locales: Record<string, { articles: number; categories: number }>;
};
/** A portal as the authoring screens and the API show it. */
export type PortalWithCounts = { portal: Portal; counts: PortalCounts; logo: PortalLogo | null };

async function portalView(db: DbOrTx, portal: Portal, userId: number | null): Promise<PortalWithCounts> {
  const [counts, logo] = await Promise.all([portalCounts(db, portal, userId), portalLogo(db, portal)]);
  return { portal, counts, logo };
}

/** Every portal of the account (agents read, as in Chatwoot), oldest first, with counts. */
export async function listPortals(db: DbOrTx, actor: Actor, accountId: number): Promise<PortalWithCounts[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const rows = await db.select().from(portals).where(eq(portals.accountId, accountId)).orderBy(asc(portals.id));
  return Promise.all(rows.map((portal) => portalView(db, portal, access.userId)));
}

export async function getPortal(db: DbOrTx, actor: Actor, accountId: number, slug: string | number): Promise<PortalWithCounts> {
  const access = await requireAccountAccess(db, actor, accountId);
  return portalView(db, await findPortal(db, access, slug), access.userId);
}

export async function portalCounts(db: DbOrTx, portal: Portal, userId: number | null): Promise<PortalCounts> {
  const [articleRows, categoryRows] = await Promise.all([
    db
      .select({
        locale: articles.locale,
        status: articles.status,
        n: sql<number>`count(*)::int`,
        mine: sql<number>`count(*) filter (where ${articles.authorId} = ${userId ?? -1})::int`,
      })
      .from(articles)
      .where(and(eq(articles.accountId, portal.accountId), eq(articles.portalId, portal.id)))
      .groupBy(articles.locale, articles.status),
    db
      .select({ locale: categories.locale, n: sql<number>`count(*)::int` })
      .from(categories)
      .where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id)))
      .groupBy(categories.locale),
  ]);
  const counts: PortalCounts = { allArticles: 0, published: 0, draft: 0, archived: 0, mine: 0, categories: 0, locales: {} };
  const locale = (code: string) => (counts.locales[code] ??= { articles: 0, categories: 0 });
  for (const code of portal.allowedLocales) locale(code);
  for (const r of articleRows) {
    counts.allArticles += r.n;
    counts.mine += r.mine;
    counts[r.status === "published" ? "published" : r.status === "draft" ? "draft" : "archived"] += r.n;
    locale(r.locale).articles += r.n;
  }
  for (const r of categoryRows) {
    counts.categories += r.n;
    locale(r.locale).categories += r.n;
  }
  return counts;
}

/** Locales: normalized, unique, the default among them (added first when missing). */
function localeSettings(allowed: string[] | undefined, defaultLocale: string | undefined, current?: Portal) {
  let list = (allowed ?? current?.allowedLocales ?? []).map(normalizeLocale);
  let def = defaultLocale !== undefined && defaultLocale.trim() ? normalizeLocale(defaultLocale) : current?.defaultLocale;
  if (allowed !== undefined && defaultLocale === undefined && def && !list.includes(def)) def = list[0];
  def ??= list[0] ?? "en";
  if (!list.includes(def)) list = [def, ...list];
  return { allowedLocales: [...new Set(list)], defaultLocale: def };
}

/** A slug derived from the name: "docs", else "docs-2", … (slugs are shared by the whole installation). */
async function freePortalSlug(db: DbOrTx, stem: string): Promise<string> {
  const taken = await db
    .select({ slug: portals.slug })
    .from(portals)
    .where(or(eq(portals.slug, stem), like(portals.slug, `${stem}-%`)));
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

function conflictMessage(e: unknown): never {
  const constraint = uniqueViolation(e);
  if (constraint === "portals_slug_key") throw invalid("Slug has already been taken");
  if (constraint === "portals_custom_domain_key") throw invalid("Custom domain has already been taken");
  throw e;
}

export async function createPortal(db: DbOrTx, actor: Actor, accountId: number, params: PortalInput): Promise<PortalWithCounts> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(portalInput, params);
  const slug = input.slug?.trim() ? normalizeSlug(input.slug) : await freePortalSlug(db, slugify(input.name) || "help");
  const values = {
    accountId,
    name: input.name,
    slug,
    pageTitle: input.pageTitle,
    headerText: input.headerText,
    color: input.color,
    homepageLink: input.homepageLink,
    customDomain: normalizeCustomDomain(input.customDomain),
    archived: input.archived ?? false,
    ...localeSettings(input.allowedLocales, input.defaultLocale),
  };
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      let [portal] = await tx.insert(portals).values(values).returning();
      if (input.logo) portal = await replaceLogo(tx, portal, access.userId, input.logo);
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "portal", ...portalNames(portal) });
      return portalView(tx, portal, access.userId);
    });
  } catch (e) {
    conflictMessage(e);
  }
}

export async function updatePortal(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  slugOrId: string | number,
  params: PortalUpdate,
): Promise<PortalWithCounts> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(portalUpdate, params);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const current = await findPortal(tx, access, slugOrId, { lock: true });
      const changes: Partial<typeof portals.$inferInsert> = { updatedAt: new Date() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.slug !== undefined) changes.slug = normalizeSlug(input.slug);
      if (input.pageTitle !== undefined) changes.pageTitle = input.pageTitle;
      if (input.headerText !== undefined) changes.headerText = input.headerText;
      if (input.color !== undefined) changes.color = input.color;
      if (input.homepageLink !== undefined) changes.homepageLink = input.homepageLink;
      if (input.customDomain !== undefined) changes.customDomain = normalizeCustomDomain(input.customDomain);
      if (input.archived !== undefined) changes.archived = input.archived;
      if (input.allowedLocales !== undefined || input.defaultLocale !== undefined) {
        Object.assign(changes, localeSettings(input.allowedLocales, input.defaultLocale, current));
      }
      let [portal] = await tx
        .update(portals)
        .set(changes)
        .where(and(eq(portals.accountId, accountId), eq(portals.id, current.id)))
        .returning();
      if (input.logo !== undefined) portal = await replaceLogo(tx, portal, access.userId, input.logo);
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "portal", ...portalNames(current, portal) });
      return portalView(tx, portal, access.userId);
    });
  } catch (e) {
    conflictMessage(e);
  }
}

/** Deletes the portal with its categories, articles and files (administrators). */
export async function deletePortal(db: DbOrTx, actor: Actor, accountId: number, slugOrId: string | number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  await inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, slugOrId, { lock: true });
    await tx.delete(portals).where(and(eq(portals.accountId, accountId), eq(portals.id, portal.id)));
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "portal", ...portalNames(portal) });
  });
}
