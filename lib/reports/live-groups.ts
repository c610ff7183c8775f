import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, teams } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requireReportAccess } from "./filter";

/**
 * Chatwoot's live reports (`/live_reports/*`): the conversations as they are now, for the
 * account or one team. Same counting as the overview's live view (lib/reports/live.ts).
 */

export type LiveConversationMetrics = { open: number; unattended: number; unassigned: number; pending: number };
export type LiveGroupBy = "team_id" | "assignee_id";
export type LiveGroupMetrics = { open: number; unattended: number; unassigned: number } & Partial<Record<LiveGroupBy, number | null>>;

// Chatwoot's "unattended": open and never answered, or waiting for an answer now.
const unattended = sql`(${conversations.firstReplyCreatedAt} is null or ${conversations.waitingSince} is not null)`;

async function scope(db: DbOrTx, accountId: number, teamId: number | undefined) {
  if (teamId === undefined) return eq(conversations.accountId, accountId);
  const [team] = await db.select({ id: teams.id }).from(teams).where(and(eq(teams.accountId, accountId), eq(teams.id, teamId)));
  if (!team) throw notFound("Team");
  return and(eq(conversations.accountId, accountId), eq(conversations.teamId, teamId));
}

/** Open, unattended, unassigned and pending conversations now (optionally of one team). */
export async function getLiveConversationMetrics(db: DbOrTx, actor: Actor, accountId: number, params: { teamId?: number } = {}): Promise<LiveConversationMetrics> {
  await requireReportAccess(db, actor, accountId);
  const where = await scope(db, accountId, params.teamId);
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      unattended: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${unattended})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} is null)::int`,
      pending: sql<number>`count(*) filter (where ${conversations.status} = 'pending')::int`,
    })
    .from(conversations)
    .where(and(where, sql`${conversations.status} in ('open', 'pending')`));
  return { open: row?.open ?? 0, unattended: row?.unattended ?? 0, unassigned: row?.unassigned ?? 0, pending: row?.pending ?? 0 };
}

/**
 * Open conversations now per team or per assignee (`groupBy`), each group with its unattended and
 * unassigned counts; only groups with open conversations, the "no team"/"nobody" group as null.
 */
export async function getLiveGroupedConversationMetrics(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: { groupBy: LiveGroupBy; teamId?: number },
): Promise<LiveGroupMetrics[]> {
  await requireReportAccess(db, actor, accountId);
  const where = await scope(db, accountId, params.teamId);
  const key = params.groupBy === "team_id" ? conversations.teamId : conversations.assigneeId;
  const rows = await db
    .select({
      key,
      open: sql<number>`count(*)::int`,
      unattended: sql<number>`(count(*) filter (where ${unattended}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${conversations.assigneeId} is null))::int`,
    })
    .from(conversations)
    .where(and(where, eq(conversations.status, "open")))
    .groupBy(key)
    .orderBy(sql`${key} asc nulls last`);
  return rows.map((r) => ({ open: r.open, unattended: r.unattended, unassigned: r.unassigned, [params.groupBy]: r.key }));
}
