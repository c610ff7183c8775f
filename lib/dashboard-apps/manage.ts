import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { dashboardApps, type DashboardApp } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { checkUserUrl } from "@/lib/net/user-url";
import { forgetDashboardAppPresence } from "./presence";

/**
 * Dashboard apps (Chatwoot's Settings → Integrations → Dashboard apps): pages framed beside a
 * conversation. Chatwoot's shape: `{title, content: [{type: "frame", url}]}`; the URL is framed by
 * agents' browsers, so it must be https (unless INTEGRATIONS_ALLOW_HTTP=true) and not a host the
 * outbound policy refuses outright. Everyone in the account sees them; administrators manage them.
 */
export const dashboardAppInput = z.object({
  title: z.string().trim().min(1, "title can't be blank").max(255),
  content: z
    .array(z.object({ type: z.literal("frame").default("frame"), url: z.string().max(2048).optional(), link: z.string().max(2048).optional() }))
    .min(1, "content needs one frame")
    .max(1, "content has one frame"),
});
export type DashboardAppInput = z.input<typeof dashboardAppInput>;

function contentOf(input: z.output<typeof dashboardAppInput>) {
  // Older Chatwoot clients sent `link` for the URL.
  return input.content.map((c) => ({ type: "frame" as const, url: checkUserUrl(c.url ?? c.link ?? "", "content.url") }));
}

export async function listDashboardApps(db: DbOrTx, actor: Actor, accountId: number): Promise<DashboardApp[]> {
  await requireAccountAccess(db, actor, accountId);
  return db.select().from(dashboardApps).where(eq(dashboardApps.accountId, accountId)).orderBy(dashboardApps.id);
}

export async function getDashboardApp(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<DashboardApp> {
  await requireAccountAccess(db, actor, accountId);
  return findApp(db, accountId, id);
}

export async function createDashboardApp(db: DbOrTx, actor: Actor, accountId: number, params: DashboardAppInput): Promise<DashboardApp> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "integration_manage");
  const input = parseInput(dashboardAppInput, params, "api");
  const [row] = await db.insert(dashboardApps).values({ accountId, userId: access.userId, title: input.title, content: contentOf(input) }).returning();
  forgetDashboardAppPresence(accountId);
  return row;
}

export async function updateDashboardApp(db: DbOrTx, actor: Actor, accountId: number, id: number, params: DashboardAppInput): Promise<DashboardApp> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  const input = parseInput(dashboardAppInput, params, "api");
  await findApp(db, accountId, id);
  const [row] = await db
    .update(dashboardApps)
    .set({ title: input.title, content: contentOf(input), updatedAt: new Date() })
    .where(and(eq(dashboardApps.accountId, accountId), eq(dashboardApps.id, id)))
    .returning();
  return row;
}

export async function deleteDashboardApp(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "integration_manage");
  await findApp(db, accountId, id);
  await db.delete(dashboardApps).where(and(eq(dashboardApps.accountId, accountId), eq(dashboardApps.id, id)));
  forgetDashboardAppPresence(accountId);
}

async function findApp(db: DbOrTx, accountId: number, id: number): Promise<DashboardApp> {
  const [row] = await db
    .select()
    .from(dashboardApps)
    .where(and(eq(dashboardApps.accountId, accountId), eq(dashboardApps.id, id)))
    .limit(1);
  if (!row) throw notFound("Dashboard app");
  return row;
}
