import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { categories, type Category, type Portal } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { uniqueViolation } from "@/lib/contacts/contacts";
import { invalid, notFound } from "@/lib/errors";
import { announceHelpCenterChange } from "./changes";
import { normalizeLocale, normalizeSlug, slugify } from "./names";
import { findPortal, portalNames } from "./portal-access";
import { reorderInPortal, type positionsInput } from "./positions";

const optionalText = z.string().trim().max(5000).nullish().transform((v) => (v ? v : null));
const optionalId = z.coerce.number().int().positive().nullish();

export const categoryInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  slug: z.string().max(100).optional(),
  locale: z.string().optional(),
  description: optionalText,
  icon: z.string().trim().max(32).nullish().transform((v) => (v ? v : null)),
  position: z.coerce.number().int().min(0).max(1_000_000).optional(),
  parentCategoryId: optionalId,
  associatedCategoryId: optionalId,
});
export type CategoryInput = z.input<typeof categoryInput>;
export const categoryUpdate = categoryInput.partial();
export type CategoryUpdate = z.input<typeof categoryUpdate>;

/** A category with the same category in the portal's other locales and its parent. */
export type CategoryWithLinks = { category: Category; linked: Category[]; parent: Category | null };

export async function listCategories(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  filter: { locale?: string } = {},
): Promise<CategoryWithLinks[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const portal = await findPortal(db, access, portalSlug);
  const rows = await db
    .select()
    .from(categories)
    .where(and(eq(categories.accountId, accountId), eq(categories.portalId, portal.id), filter.locale ? eq(categories.locale, filter.locale) : undefined))
    .orderBy(asc(categories.position), asc(categories.id));
  return withLinks(db, portal, rows);
}

export async function getCategory(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, id: number): Promise<CategoryWithLinks> {
  const access = await requireAccountAccess(db, actor, accountId);
  const portal = await findPortal(db, access, portalSlug);
  const [withLinked] = await withLinks(db, portal, [await findCategory(db, portal, id)]);
  return withLinked;
}

/** Every category of the portal's translation groups and parents of the given rows, in one query. */
async function withLinks(db: DbOrTx, portal: Portal, rows: Category[]): Promise<CategoryWithLinks[]> {
  if (rows.length === 0) return [];
  const groups = [...new Set(rows.map((r) => r.associatedCategoryId ?? r.id))];
  const parents = rows.map((r) => r.parentCategoryId).filter((id): id is number => id !== null);
  const related = await db
    .select()
    .from(categories)
    .where(
      and(
        eq(categories.accountId, portal.accountId),
        eq(categories.portalId, portal.id),
        or(inArray(categories.id, [...groups, ...parents]), inArray(categories.associatedCategoryId, groups)),
      ),
    );
  const byId = new Map(related.map((r) => [r.id, r]));
  return rows.map((category) => {
    const group = category.associatedCategoryId ?? category.id;
    const linked = related.filter((r) => r.id !== category.id && (r.id === group || r.associatedCategoryId === group));
    return { category, linked, parent: category.parentCategoryId ? (byId.get(category.parentCategoryId) ?? null) : null };
  });
}

export async function findCategory(db: DbOrTx, portal: Portal, id: number): Promise<Category> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2147483647) throw notFound("Category");
  const [row] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.accountId, portal.accountId), eq(categories.portalId, portal.id), eq(categories.id, id)))
    .limit(1);
  if (!row) throw notFound("Category");
  return row;
}

/** The root of the group a category joins: the linked category's own root, so groups stay one level deep. */
async function groupRoot(tx: Tx, portal: Portal, linkedId: number, locale: string, selfId?: number): Promise<number> {
  const linked = await findCategory(tx, portal, linkedId).catch(() => {
    throw invalid("Associated category must be a category of this portal");
  });
  if (linked.id === selfId) throw invalid("A category cannot be linked to itself");
  if (linked.locale === locale) throw invalid("A linked category must be in another locale");
  return linked.associatedCategoryId ?? linked.id;
}

async function checkParent(tx: Tx, portal: Portal, parentId: number, locale: string, selfId?: number): Promise<void> {
  const parent = await findCategory(tx, portal, parentId).catch(() => {
    throw invalid("Parent category must be a category of this portal");
  });
  if (parent.locale !== locale) throw invalid("Parent category must be in the same locale");
  // Walk up: a category may not become its own ancestor.
  for (let cur: Category | null = parent, depth = 0; cur && depth < 50; depth++) {
    if (cur.id === selfId) throw invalid("A category cannot be inside itself");
    cur = cur.parentCategoryId ? await findCategory(tx, portal, cur.parentCategoryId).catch(() => null) : null;
  }
}

function conflict(e: unknown): never {
  if (uniqueViolation(e) === "categories_portal_locale_slug_key") throw invalid("Slug has already been taken in this locale");
  throw e;
}

export async function createCategory(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, params: CategoryInput): Promise<Category> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(categoryInput, params);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const portal = await findPortal(tx, access, portalSlug);
      const locale = input.locale?.trim() ? normalizeLocale(input.locale) : portal.defaultLocale;
      if (!portal.allowedLocales.includes(locale)) throw invalid(`Locale ${locale} is not one of the portal's locales`);
      if (input.parentCategoryId) await checkParent(tx, portal, input.parentCategoryId, locale);
      const associatedCategoryId = input.associatedCategoryId ? await groupRoot(tx, portal, input.associatedCategoryId, locale) : null;
      const position =
        input.position ??
        (
          await tx
            .select({ next: sql<number>`coalesce(max(${categories.position}), 0) + 10` })
            .from(categories)
            .where(and(eq(categories.accountId, accountId), eq(categories.portalId, portal.id), eq(categories.locale, locale)))
        )[0].next;
      const [category] = await tx
        .insert(categories)
        .values({
          accountId,
          portalId: portal.id,
          locale,
          name: input.name,
          slug: normalizeSlug(input.slug?.trim() ? input.slug : slugify(input.name) || "category"),
          description: input.description,
          icon: input.icon,
          position,
          parentCategoryId: input.parentCategoryId ?? null,
          associatedCategoryId,
        })
        .returning();
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "category", ids: [category.id], ...portalNames(portal) });
      return category;
    });
  } catch (e) {
    conflict(e);
  }
}

export async function updateCategory(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  id: number,
  params: CategoryUpdate,
): Promise<Category> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(categoryUpdate, params);
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      const portal = await findPortal(tx, access, portalSlug);
      const current = await findCategory(tx, portal, id);
      const locale = input.locale?.trim() ? normalizeLocale(input.locale) : current.locale;
      if (locale !== current.locale && !portal.allowedLocales.includes(locale)) throw invalid(`Locale ${locale} is not one of the portal's locales`);
      const changes: Partial<typeof categories.$inferInsert> = { updatedAt: new Date(), locale };
      if (input.name !== undefined) changes.name = input.name;
      if (input.slug !== undefined) changes.slug = normalizeSlug(input.slug);
      if (input.description !== undefined) changes.description = input.description;
      if (input.icon !== undefined) changes.icon = input.icon;
      if (input.position !== undefined) changes.position = input.position;
      if (input.parentCategoryId !== undefined) {
        if (input.parentCategoryId) await checkParent(tx, portal, input.parentCategoryId, locale, current.id);
        changes.parentCategoryId = input.parentCategoryId ?? null;
      }
      if (input.associatedCategoryId !== undefined) {
        changes.associatedCategoryId = input.associatedCategoryId ? await groupRoot(tx, portal, input.associatedCategoryId, locale, current.id) : null;
      }
      const [category] = await tx
        .update(categories)
        .set(changes)
        .where(and(eq(categories.accountId, accountId), eq(categories.id, current.id)))
        .returning();
      announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "category", ids: [current.id], ...portalNames(portal) });
      return category;
    });
  } catch (e) {
    conflict(e);
  }
}

/** Deletes a category; its articles become uncategorised, its subcategories top-level. */
export async function deleteCategory(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, id: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  await inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, portalSlug);
    const category = await findCategory(tx, portal, id);
    // Keep the translation group together when its root goes: the next oldest becomes the root.
    const members = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.accountId, accountId), eq(categories.associatedCategoryId, category.id)))
      .orderBy(asc(categories.id));
    if (members.length > 0) {
      const [root, ...rest] = members;
      await tx.update(categories).set({ associatedCategoryId: null }).where(and(eq(categories.accountId, accountId), eq(categories.id, root.id)));
      if (rest.length > 0) {
        await tx
          .update(categories)
          .set({ associatedCategoryId: root.id })
          .where(and(eq(categories.accountId, accountId), inArray(categories.id, rest.map((r) => r.id))));
      }
    }
    await tx.delete(categories).where(and(eq(categories.accountId, accountId), eq(categories.id, category.id)));
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "category", ids: [category.id], ...portalNames(portal) });
  });
}

/** Sets positions of the portal's categories (drag to reorder): `{ [categoryId]: position }` or ids in order. */
export function reorderCategories(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, params: z.input<typeof positionsInput>): Promise<void> {
  return reorderInPortal(db, actor, accountId, portalSlug, "category", params);
}
