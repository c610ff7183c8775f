import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { articles, categories } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import { statusInput } from "./article-input";
import { removeArticles } from "./articles";
import { announceHelpCenterChange } from "./changes";
import { findPortal, portalNames } from "./portal-access";
import { reorderInPortal, type positionsInput } from "./positions";

const ids = z.array(z.coerce.number().int().positive().max(2147483647)).min(1, "Choose at least one article").max(500);

export const bulkArticlesInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("status"), ids, status: statusInput }),
  z.object({ action: z.literal("category"), ids, categoryId: z.coerce.number().int().positive().max(2147483647).nullable() }),
  z.object({ action: z.literal("delete"), ids }),
]);
export type BulkArticlesInput = z.input<typeof bulkArticlesInput>;

/**
 * Bulk status / category change and delete from the articles list (Chatwoot's bulk_actions).
 * Every id must be an article of the portal, or nothing changes.
 */
export async function bulkUpdateArticles(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  portalSlug: string | number,
  params: BulkArticlesInput,
): Promise<{ count: number }> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "knowledge_base_manage");
  const input = parseInput(bulkArticlesInput, params);
  const unique = [...new Set(input.ids)];
  return inTransaction(db, async (tx, afterCommit) => {
    const portal = await findPortal(tx, access, portalSlug);
    const found = await tx
      .select({ id: articles.id, locale: articles.locale, publishedAt: articles.publishedAt })
      .from(articles)
      .where(and(eq(articles.accountId, accountId), eq(articles.portalId, portal.id), inArray(articles.id, unique)))
      .for("update");
    if (found.length !== unique.length) throw invalid("Some of the chosen articles are not in this portal");
    const scope = and(eq(articles.accountId, accountId), eq(articles.portalId, portal.id), inArray(articles.id, unique));
    const now = new Date();
    if (input.action === "status") {
      await tx.update(articles).set({ status: input.status, updatedAt: now }).where(scope);
      if (input.status === "published") {
        const first = found.filter((a) => !a.publishedAt).map((a) => a.id);
        if (first.length) await tx.update(articles).set({ publishedAt: now }).where(and(scope, inArray(articles.id, first)));
      }
    } else if (input.action === "category") {
      if (input.categoryId !== null) {
        const [category] = await tx
          .select()
          .from(categories)
          .where(and(eq(categories.accountId, accountId), eq(categories.portalId, portal.id), eq(categories.id, input.categoryId)));
        if (!category) throw invalid("Category must be a category of this portal");
        if (found.some((a) => a.locale !== category.locale)) throw invalid(`Category ${category.name} is in ${category.locale}; choose articles of that locale`);
      }
      await tx.update(articles).set({ categoryId: input.categoryId, updatedAt: now }).where(scope);
    } else {
      await removeArticles(tx, portal, unique);
    }
    announceHelpCenterChange(afterCommit, { accountId, portalId: portal.id, kind: "article", ids: unique, ...portalNames(portal) });
    return { count: unique.length };
  });
}

/** Positions of articles after a drag (`{ [articleId]: position }` or ids in order). */
export function reorderArticles(db: DbOrTx, actor: Actor, accountId: number, portalSlug: string | number, params: z.input<typeof positionsInput>): Promise<void> {
  return reorderInPortal(db, actor, accountId, portalSlug, "article", params);
}
