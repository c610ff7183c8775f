import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { helpCenterCacheVersions, portals, type Portal } from "@/db/schema";

/** A portal as the public site sees it, with its cache version (bumped by triggers on any change). */
export type PublicPortal = Portal & { version: number };

export type PortalKey = { slug: string } | { domain: string };

/**
 * The live portal a request names, by slug (/hc/{slug}) or by custom domain (its Host), with its
 * content version; null for an unknown or archived portal, which visitors cannot tell apart. One
 * indexed read: the page cache is checked against the version on every request, so a change made
 * on any instance is seen on the next request everywhere.
 */
export async function findPublicPortal(db: DbOrTx, key: PortalKey): Promise<PublicPortal | null> {
  const where = "slug" in key ? eq(portals.slug, key.slug.toLowerCase()) : eq(portals.customDomain, normalizeHost(key.domain));
  const [row] = await db
    .select({ portal: portals, version: sql<number>`coalesce(${helpCenterCacheVersions.version}, 0)::int8`.mapWith(Number) })
    .from(portals)
    .leftJoin(helpCenterCacheVersions, eq(helpCenterCacheVersions.portalId, portals.id))
    .where(and(where, eq(portals.archived, false)))
    .limit(1);
  return row ? { ...row.portal, version: row.version } : null;
}

/** "Help.Example.com:443." → "help.example.com": how custom domains are stored. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

/**
 * Marks everything cached for a portal stale, on every instance. The database triggers on portals,
 * categories and articles already do this inside the writing transaction; call it for changes they
 * do not see (e.g. an author's display name shown on articles).
 */
export async function invalidatePortal(db: DbOrTx, portalId: number): Promise<void> {
  await db
    .insert(helpCenterCacheVersions)
    .values({ portalId, version: 1 })
    .onConflictDoUpdate({ target: helpCenterCacheVersions.portalId, set: { version: sql`${helpCenterCacheVersions.version} + 1` } });
}
