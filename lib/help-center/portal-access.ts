import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { portals, type Portal } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import { notFound } from "@/lib/errors";

/**
 * The portal named by its slug (the API's `{portal_slug}`), in the caller's account only: another
 * account's slug answers "not found" like a slug that does not exist, so slugs cannot be probed.
 * Accepts a numeric id too (Chatwoot's dashboard uses the slug, some clients the id).
 */
export async function findPortal(db: DbOrTx, access: AccountAccess, slugOrId: string | number, opts: { lock?: boolean } = {}): Promise<Portal> {
  const key = String(slugOrId).trim().toLowerCase();
  const byId = /^\d+$/.test(key) ? Number(key) : null;
  const query = db
    .select()
    .from(portals)
    .where(and(eq(portals.accountId, access.accountId), byId !== null && byId <= 2147483647 ? eq(portals.id, byId) : eq(portals.slug, key)))
    .limit(1);
  const [row] = opts.lock ? await query.for("update") : await query;
  // A portal whose slug is all digits is still found by its slug.
  if (!row && byId !== null) {
    const [bySlug] = await db.select().from(portals).where(and(eq(portals.accountId, access.accountId), eq(portals.slug, key))).limit(1);
    if (bySlug) return bySlug;
  }
  if (!row) throw notFound("Portal");
  return row;
}

export const portalNames = (...rows: (Pick<Portal, "slug" | "customDomain"> | null | undefined)[]) => ({
  portalSlugs: [...new Set(rows.map((r) => r?.slug).filter((s): s is string => !!s))],
  customDomains: [...new Set(rows.map((r) => r?.customDomain).filter((d): d is string => !!d))],
});
