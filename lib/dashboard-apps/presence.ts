import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { dashboardApps } from "@/db/schema";

/**
 * Whether an account has any dashboard app, remembered per process. Most accounts have none, and
 * every conversation page asked twice (the proxy for the CSP's frame-src, the page for its tabs):
 * with none known, both skip their read. The app's own writes forget the answer at once
 * (`forgetDashboardAppPresence`); a write from another process (the CLI, a second server) shows
 * within PRESENCE_TTL_MS. Only presence is kept: the origins themselves are still read with the
 * member check, so nothing here can tell a stranger where an account's apps live.
 * On globalThis: Next bundles the proxy and the route handlers separately, in one process.
 */
export const PRESENCE_TTL_MS = 30_000;
const MAX_ACCOUNTS = 10_000;

type Entry = { hasApps: boolean; at: number };
const holder = globalThis as unknown as { __postdeskDashboardAppPresence?: Map<number, Entry> };
const known = () => (holder.__postdeskDashboardAppPresence ??= new Map());

export async function accountHasDashboardApps(db: DbOrTx, accountId: number, now: () => number = Date.now): Promise<boolean> {
  const hit = known().get(accountId);
  if (hit && now() - hit.at < PRESENCE_TTL_MS) return hit.hasApps;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(dashboardApps)
    .where(eq(dashboardApps.accountId, accountId))
    .limit(1);
  const map = known();
  if (map.size >= MAX_ACCOUNTS) map.clear();
  map.set(accountId, { hasApps: row !== undefined, at: now() });
  return row !== undefined;
}

/** After an app of the account was created, changed or deleted. */
export function forgetDashboardAppPresence(accountId: number): void {
  known().delete(accountId);
}
